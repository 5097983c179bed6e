package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.core.Matrix;
import dev.nnj.core.Network;
import dev.nnj.core.Parameter;
import dev.nnj.core.Rng;
import dev.nnj.core.activation.Activation;
import dev.nnj.core.activation.LeakyRelu;
import dev.nnj.core.kernel.Kernels;
import dev.nnj.core.layer.Dense;
import dev.nnj.core.layer.Init;
import dev.nnj.core.loss.Loss;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    static Network network(long seed) {
        Network net = Network.builder(5).dense(8, Activation.RELU).dropout(0.25f)
                .dense(6, new LeakyRelu(0.2f)).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(seed).kernels(Kernels.scalar()).build();
        Rng rng = new Rng(seed + 1);
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith("bias")) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] = rng.nextFloat() - 0.5f;
                }
            }
        }
        return net;
    }

    static SavedModel model(long seed) {
        Network net = network(seed);
        Preprocessing prep = new Preprocessing(Preprocessing.STANDARDIZE, new float[] {0.1f, 1e-7f, -3f, 0, 2.5f},
                new float[] {1 / 3f, 7f, 0.001f, 1, (float) Math.PI});
        return new SavedModel(net, prep, List.of("cat", "dog", "ünïcode"),
                new TrainingSummary(4, 0.5, 0.75, Double.NaN, Double.NaN, -1, seed, "adam", "test"));
    }

    private static Matrix inputs() {
        Rng rng = new Rng(99);
        float[] x = new float[7 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian() * 3;
        }
        return new Matrix(7, 5, x);
    }

    @Test
    void roundTripGivesBitIdenticalPredictions() throws IOException {
        SavedModel original = model(5);
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, original);
        SavedModel loaded = ModelFile.load(file, Kernels.scalar());

        List<Parameter> a = original.network().parameters();
        List<Parameter> b = loaded.network().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).shape(), b.get(i).shape());
            assertArrayEquals(a.get(i).value(), b.get(i).value(), a.get(i).name());
        }
        float[] p = original.predict(inputs()).data();
        float[] q = loaded.predict(inputs()).data();
        for (int i = 0; i < p.length; i++) {
            assertEquals(Float.floatToRawIntBits(p[i]), Float.floatToRawIntBits(q[i]), "output " + i);
        }
        assertEquals(original.preprocessing(), loaded.preprocessing());
        assertEquals(original.classNames(), loaded.classNames());
        assertArrayEquals(original.preprocessing().offset(), loaded.preprocessing().offset());
        assertArrayEquals(original.preprocessing().scale(), loaded.preprocessing().scale());
        assertEquals("standardize", loaded.preprocessing().kind());
        assertEquals(List.of("cat", "dog", "ünïcode"), loaded.classNames());
        assertEquals(original.training(), loaded.training());
        assertEquals(original.network().toString(), loaded.network().toString());
        assertEquals("leaky_relu", ((Dense) loaded.network().layers().get(2)).activation().id());
    }

    /** Tensor names follow nn.Sequential numbering: [Linear, ReLU, Dropout, Linear, LeakyReLU, Linear, Softmax]. */
    @Test
    void tensorsAreNamedLikeATorchSequential() throws IOException {
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, model(1));
        SafetensorsFile st = SafetensorsFile.read(file);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias",
                "layers.5.weight", "layers.5.bias"), List.copyOf(st.tensors().keySet()));
        assertArrayEquals(new int[] {8, 5}, st.tensor("layers.0.weight").shape());
        assertArrayEquals(new int[] {6}, st.tensor("layers.3.bias").shape());
        assertEquals("nnj", st.metadata().get("format"));
        assertEquals("1", st.metadata().get("format_version"));
        assertEquals("{\"inputs\":5,\"layers\":[{\"type\":\"dense\",\"in_features\":5,\"out_features\":8},"
                + "{\"type\":\"relu\"},{\"type\":\"dropout\",\"p\":0.25},"
                + "{\"type\":\"dense\",\"in_features\":8,\"out_features\":6},{\"type\":\"leaky_relu\",\"negative_slope\":0.2},"
                + "{\"type\":\"dense\",\"in_features\":6,\"out_features\":3},{\"type\":\"softmax\"}],"
                + "\"loss\":\"cross_entropy\"}", st.metadata().get("architecture"));
        assertTrue(st.metadata().get("training").contains("\"validation_loss\":null"));
    }

    /** Saves model(3), rewrites it through {@code edit}, and expects loading to fail with a message containing {@code expected}. */
    private ModelFormatException refusedAfter(UnaryOperator<SafetensorsFile> edit, String expected) throws IOException {
        Path file = dir.resolve("edited.safetensors");
        ModelFile.save(file, model(3));
        edit.apply(SafetensorsFile.read(file)).write(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, Kernels.scalar()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    private static UnaryOperator<SafetensorsFile> meta(String key, UnaryOperator<String> change) {
        return st -> {
            Map<String, String> m = new LinkedHashMap<>(st.metadata());
            m.put(key, change.apply(m.get(key)));
            return new SafetensorsFile(st.tensors(), m);
        };
    }

    private static UnaryOperator<SafetensorsFile> tensors(UnaryOperator<List<Tensor>> change) {
        return st -> SafetensorsFile.of(change.apply(new ArrayList<>(st.tensors().values())), st.metadata());
    }

    @Test
    void featureNamesAreSavedWhenKnownAndChecked() throws IOException {
        SavedModel unnamed = model(6);
        List<String> names = List.of("a", "b", "c", "d", "e");
        SavedModel named = new SavedModel(unnamed.network(), unnamed.preprocessing(), unnamed.classNames(),
                unnamed.training(), names);
        Path file = dir.resolve("named.safetensors");
        ModelFile.save(file, named);
        assertEquals("[\"a\",\"b\",\"c\",\"d\",\"e\"]", SafetensorsFile.read(file).metadata().get("features"));
        assertEquals(names, ModelFile.load(file, Kernels.scalar()).featureNames());

        Path plain = dir.resolve("unnamed.safetensors");
        ModelFile.save(plain, unnamed);
        assertFalse(SafetensorsFile.read(plain).metadata().containsKey("features"), "no key without names");
        assertEquals(List.of(), ModelFile.load(plain, Kernels.scalar()).featureNames());

        refusedAfter(meta("features", v -> "[\"a\"]"), "metadata 'features' names 1 features, but the network has 5 inputs");
        refusedAfter(meta("features", v -> "[1, 2, 3, 4, 5]"), "must be a string");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SavedModel(
                unnamed.network(), unnamed.preprocessing(), unnamed.classNames(), unnamed.training(), List.of("a")));
        assertEquals("1 feature names for 5 inputs; expected one per input, or none", e.getMessage());
    }

    @Test
    void refusesNewerFormatsAndUnknownNames() throws IOException {
        refusedAfter(meta("format_version", v -> "2"), "upgrade nnj");
        refusedAfter(meta("architecture", a -> a.replace("\"relu\"", "\"gelu\"")), "layers[1].type");
        refusedAfter(meta("architecture", a -> a.replace("\"dropout\"", "\"conv2d\"")), "'conv2d' is not a known layer");
        refusedAfter(meta("architecture", a -> a.replace("cross_entropy", "hinge")), "'hinge' is not a known loss");
        refusedAfter(meta("architecture", a -> a.replace("\"p\":0.25", "\"p\":1.5")), "layers[2].p must be in [0, 1)");
        refusedAfter(meta("architecture", a -> a.replace("\"in_features\":8", "\"in_features\":9")),
                "layers[3].in_features is 9 but the previous layer gives 8");
        refusedAfter(meta("architecture", a -> a.replace("\"type\":\"dense\"", "\"type\":\"dev.nnj.core.layer.Dense\"")),
                "not a known layer");
        refusedAfter(meta("architecture", a -> a.substring(1)), "not valid JSON");
        refusedAfter(meta("architecture", a -> a.replace("{\"type\":\"dropout\",\"p\":0.25}", "{\"type\":\"tanh\"}")),
                "layers[2] activation 'tanh' must directly follow a dense layer");
        refusedAfter(meta("preprocessing", p -> p.replace("\"kind\"", "\"kinds\"")), "preprocessing");
        refusedAfter(meta("format", f -> "onnx"), "metadata 'format' is onnx");
    }

    @Test
    void formatVersionIsAsciiDigitsAndTooLargeIsANewerVersion() throws IOException {
        refusedAfter(meta("format_version", v -> "+1"), "is '+1', expected a version number");
        refusedAfter(meta("format_version", v -> "\u0661"), "expected a version number"); // ARABIC-INDIC DIGIT ONE
        refusedAfter(meta("format_version", v -> "99999999999"),
                "is 99999999999 but this nnj reads versions up to " + ModelFile.FORMAT_VERSION);
        refusedAfter(meta("format_version", v -> "0"), "is 0, expected 1..");
    }

    /** A number BigDecimal cannot hold inside metadata JSON is a format error, so checkpoint scans skip the file. */
    @Test
    void refusesMetadataNumbersWithExponentsBeyondAnInt() throws IOException {
        refusedAfter(meta("preprocessing", p -> p.replace("\"offset\":[", "\"offset\":[1e-2147483649,")),
                "metadata 'preprocessing' is not valid JSON: number 1e-2147483649 is outside the range");
        refusedAfter(meta("training", t -> t.replace("{", "{\"x\":1e9999999999,")), "number 1e9999999999");
    }

    @Test
    void refusesMissingMisshapenExtraAndNonFiniteTensors() throws IOException {
        refusedAfter(tensors(list -> {
            list.removeIf(t -> t.name().equals("layers.3.bias"));
            return list;
        }), "tensor 'layers.3.bias' (or '3.bias') is missing");
        refusedAfter(tensors(list -> {
            list.replaceAll(t -> t.name().equals("layers.3.weight") ? new Tensor(t.name(), new int[] {8, 6}, new float[48]) : t);
            return list;
        }), "tensor 'layers.3.weight' has shape [8, 6] but the architecture's dense layer 3 (8→6) needs [6, 8]");
        refusedAfter(tensors(list -> {
            list.add(new Tensor("layers.7.weight", new int[] {1}, new float[1]));
            return list;
        }), "tensor 'layers.7.weight' does not belong");
        ModelFormatException nan = refusedAfter(tensors(list -> {
            list.replaceAll(t -> {
                if (!t.name().equals("layers.5.bias")) {
                    return t;
                }
                float[] v = t.data().clone();
                v[1] = Float.NaN;
                return new Tensor(t.name(), t.shape(), v);
            });
            return list;
        }), "tensor 'layers.5.bias' element 1 is NaN");
        assertTrue(nan.offset() > 8);
    }

    @Test
    void parametersAreNamedAsTheirTensorsInTheFile() throws IOException {
        SavedModel model = model(2);
        Path file = dir.resolve("names.safetensors");
        ModelFile.save(file, model);

        List<String> names = model.network().parameters().stream().map(Parameter::name).toList();
        assertEquals(new ArrayList<>(SafetensorsFile.read(file).tensors().keySet()), names);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias",
                "layers.5.weight", "layers.5.bias"), names);
    }

    /** tanh under another name, as a user's own activation would be. */
    private static final class MyTanh implements Activation {
        @Override
        public String id() {
            return "my_tanh";
        }

        @Override
        public void forward(Kernels k, float[] a, float[] bias, float[] h, int rows, int cols) {
            Activation.TANH.forward(k, a, bias, h, rows, cols);
        }

        @Override
        public void backward(Kernels k, float[] dA, float[] dH, float[] a, float[] h, int rows, int cols) {
            Activation.TANH.backward(k, dA, dH, a, h, rows, cols);
        }

        @Override
        public Init defaultInit() {
            return Init.GLOROT_UNIFORM;
        }
    }

    @Test
    void saveRefusesAnActivationThatLoadWouldNotKnow() {
        Network net = Network.builder(2).dense(3, new MyTanh()).dense(1, Activation.IDENTITY)
                .kernels(Kernels.scalar()).build();
        Path file = dir.resolve("custom.safetensors");
        SavedModel model = new SavedModel(net, Preprocessing.none(2), List.of(), TrainingSummary.untrained(0));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, model));

        assertTrue(e.getMessage().startsWith("module 1 is activation 'my_tanh', which model files cannot hold"),
                e.getMessage());
        assertTrue(!java.nio.file.Files.exists(file), "nothing written");

        Loss myMse = new Loss() { // mse under another name
            @Override
            public String id() {
                return "my_mse";
            }

            @Override
            public double value(Activation output, float[] a, float[] h, float[] y, int rows, int cols) {
                return Loss.MSE.value(output, a, h, y, rows, cols);
            }

            @Override
            public void gradient(Kernels k, Activation output, float[] a, float[] h, float[] y, float[] g, int rows, int cols) {
                Loss.MSE.gradient(k, output, a, h, y, g, rows, cols);
            }
        };
        Network lossNet = Network.builder(2).dense(1, Activation.IDENTITY).loss(myMse).kernels(Kernels.scalar()).build();
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, new SavedModel(lossNet,
                Preprocessing.none(2), List.of(), TrainingSummary.untrained(0))));
        assertTrue(e.getMessage().startsWith("loss 'my_mse' is not one model files can hold"), e.getMessage());
    }

    @Test
    void saveRefusesNonFiniteWeightsThatLoadWouldRefuse() {
        SavedModel model = model(3);
        model.network().parameters().get(2).value()[4] = Float.POSITIVE_INFINITY;
        Path file = dir.resolve("diverged.safetensors");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, model));

        // the network's third layer (after dropout) is module 3 of the sequential [dense, relu, dropout, dense, …]
        assertEquals("tensor 'layers.3.weight' element 4 is Infinity; a model with non-finite weights could not be loaded"
                + " again, so it is not saved", e.getMessage());
        assertTrue(!java.nio.file.Files.exists(file), "nothing written");
    }

    @Test
    void loadWeightsLeavesTheNetworkUntouchedOnError() throws IOException {
        Path file = dir.resolve("other.safetensors");
        ModelFile.save(file, new SavedModel(Network.builder(5).dense(3, Activation.SOFTMAX).seed(1)
                .kernels(Kernels.scalar()).build(), Preprocessing.none(5), List.of(), TrainingSummary.untrained(1)));
        Network net = network(8);
        float[] before = net.parameters().get(0).value().clone();
        assertThrows(ModelFormatException.class, () -> ModelFile.loadWeights(file, net));
        assertArrayEquals(before, net.parameters().get(0).value());
    }

    /**
     * Loads a file written independently of nnj by src/test/resources/dev/nnj/io/make_torch_fixture.py:
     * the state_dict of nn.Sequential(Linear(3, 4), ReLU(), Linear(4, 2)) with keys 0.weight … 2.bias.
     * The expected outputs are the ones that script printed.
     */
    @Test
    void loadsATorchSequentialStateDict() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("torch_sequential.safetensors").toURI());
        Network net = Network.builder(3).dense(4, Activation.RELU).dense(2, Activation.IDENTITY)
                .loss(Loss.MSE).kernels(Kernels.scalar()).build();
        ModelFile.loadWeights(file, net);
        assertArrayEquals(new float[] {-0.5f, -0.25f, 0f, 0.25f, 0.5f, -0.5f, -0.25f, 0, 0.25f, 0.5f, -0.5f, -0.25f},
                net.parameters().get(0).value());
        Matrix out = net.predict(Matrix.of(new float[][] {{1f, -2f, 0.5f}, {0, 0, 0}}));
        assertArrayEquals(new float[] {2.75f, 1.0f, 0.6875f, -0.375f}, out.data());

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, Kernels.scalar()));
        assertTrue(e.getMessage().contains("loadWeights"), e.getMessage());
    }
}
