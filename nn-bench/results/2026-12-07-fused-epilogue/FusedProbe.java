import dev.nnj.core.kernel.Kernels;
import dev.nnj.simd.SimdKernels;
import java.util.Arrays;
import java.util.SplittableRandom;

public class FusedProbe {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]), out = Integer.parseInt(args[2]), in = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[rows * in], w = new float[out * in], b = new float[out];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        float[] a = new float[rows * out], h = new float[rows * out];
        try (Kernels k = new SimdKernels(threads)) {
            int calls = 200;
            double[] gemm = new double[rounds], fused = new double[rounds], sep = new double[rounds], ratio = new double[rounds];
            for (int round = -3; round < rounds; round++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) { k.sgemm(false, true, rows, out, in, 1f, x, 0, in, w, 0, in, 0f, a, 0, out); k.biasRelu(a, b, h, rows, out); }
                long t1 = System.nanoTime();
                for (int c = 0; c < calls; c++) k.denseRelu(x, w, b, a, h, rows, out, in);
                long t2 = System.nanoTime();
                for (int c = 0; c < calls; c++) k.sgemm(false, true, rows, out, in, 1f, x, 0, in, w, 0, in, 0f, a, 0, out);
                long t3 = System.nanoTime();
                if (round >= 0) gemm[round] = (t3 - t2) / 1e3 / calls;
                if (round >= 0) { sep[round] = (t1 - t0) / 1e3 / calls; fused[round] = (t2 - t1) / 1e3 / calls; ratio[round] = sep[round] / fused[round]; }
            }
            Arrays.sort(fused); Arrays.sort(gemm); Arrays.sort(sep); Arrays.sort(ratio);
            System.out.printf("gemm alone %.1f; %d thr %dx%dx%d: separate %.1f µs, fused %.1f µs, separate/fused %.3f [%.3f, %.3f]%n", gemm[rounds / 2], threads, rows, out, in,
                sep[rounds / 2], fused[rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
    }
}
