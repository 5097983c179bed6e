package dev.nnj.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nnj.core.activation.Activation;
import dev.nnj.core.kernel.Kernels;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** predict from two threads on one network, as a server answering requests would call it. */
class ConcurrentPredictTest {

    @Test
    void predictFromTwoThreadsGivesEachCallerItsOwnResult() throws Exception {
        Network net = Network.builder(20).dense(30, Activation.TANH).dense(4, Activation.SOFTMAX)
                .seed(3).kernels(Kernels.scalar()).build();
        Rng rng = new Rng(5);
        // different batch sizes, so that a call that ran into the other's buffers would show it
        int[] sizes = {1, 7, 64};
        Matrix[] inputs = new Matrix[sizes.length];
        double[][][] expected = new double[sizes.length][][];
        for (int s = 0; s < sizes.length; s++) {
            inputs[s] = new Matrix(sizes[s], 20);
            for (int i = 0; i < inputs[s].data().length; i++) {
                inputs[s].data()[i] = (float) (2 * rng.nextDouble() - 1);
            }
            expected[s] = Reference64.of(net).run(inputs[s].data(), new float[sizes[s] * 4], sizes[s]).output();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] callers = new Future<?>[2];
            for (int t = 0; t < 2; t++) {
                int first = t;
                callers[t] = pool.submit(() -> {
                    for (int call = 0; call < 2000; call++) {
                        int s = (first + call) % sizes.length;
                        Matrix p = net.predict(inputs[s]);
                        for (int r = 0; r < sizes[s]; r++) {
                            for (int c = 0; c < 4; c++) {
                                assertEquals(expected[s][r][c], p.get(r, c), 1e-6, "call " + call + ", batch " + sizes[s] + ", row " + r);
                            }
                        }
                    }
                    return null;
                });
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
