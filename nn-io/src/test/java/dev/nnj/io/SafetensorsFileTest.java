package dev.nnj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    /** Checks the written bytes against the specification, field by field, with expectations written by hand. */
    @Test
    void writtenBytesFollowTheSpecification() throws IOException {
        Tensor w = new Tensor("layers.0.weight", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        Tensor b = new Tensor("layers.0.bias", new int[] {2}, new float[] {-0.5f, 0.25f});
        Path file = dir.resolve("m.safetensors");
        SafetensorsFile.of(List.of(w, b), Map.of("format", "nnj")).write(file);
        byte[] bytes = Files.readAllBytes(file);

        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data must start at a multiple of 8");
        String expectedJson = "{\"__metadata__\":{\"format\":\"nnj\"},"
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}}";
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(expectedJson, header.stripTrailing());
        assertTrue(header.substring(expectedJson.length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        assertTrue(header.length() - expectedJson.length() < 8, "no more padding than needed");
        assertEquals(8 + n + 32, bytes.length, "data is contiguous and ends the file");

        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 32).slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = {1, 2, 3, 4, 5, 6, -0.5f, 0.25f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), data.getInt(4 * i), "float " + i);
        }
        // 1.0f little-endian is 00 00 80 3F.
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, Arrays.copyOfRange(bytes, (int) (8 + n), (int) (12 + n)));
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        float[] odd = {Float.MIN_VALUE, -0f, Float.MAX_VALUE, 1e-40f, 3.14159f, Float.intBitsToFloat(0x7fc00001)};
        Tensor a = new Tensor("a", new int[] {2, 3}, odd);
        Tensor empty = new Tensor("empty", new int[] {0, 4}, new float[0]);
        Tensor scalar = new Tensor("scalar", new int[] {}, new float[] {7});
        Path file = dir.resolve("r.safetensors");
        SafetensorsFile.of(List.of(a, empty, scalar), Map.of("k", "ü ✓")).write(file);
        SafetensorsFile read = SafetensorsFile.read(file);
        assertEquals(List.of("a", "empty", "scalar"), List.copyOf(read.tensors().keySet()));
        for (int i = 0; i < odd.length; i++) {
            assertEquals(Float.floatToRawIntBits(odd[i]), Float.floatToRawIntBits(read.tensor("a").data()[i]));
        }
        assertArrayEquals(new int[] {0, 4}, read.tensor("empty").shape());
        assertArrayEquals(new int[] {}, read.tensor("scalar").shape());
        assertEquals(7f, read.tensor("scalar").data()[0]);
        assertEquals("ü ✓", read.metadata().get("k"));
    }

    @Test
    void readsAFileWithoutMetadataOrPadding() throws IOException {
        byte[] content = TestFiles.safetensors("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                TestFiles.f32(1.5f, -2f));
        SafetensorsFile read = SafetensorsFile.read(TestFiles.write(dir, "x.safetensors", content));
        assertArrayEquals(new float[] {1.5f, -2f}, read.tensor("x").data());
        assertTrue(read.metadata().isEmpty());
        assertEquals(content.length - 8, read.tensor("x").offset());
    }

    private ModelFormatException refused(byte[] content) throws IOException {
        Path file = TestFiles.write(dir, "bad.safetensors", content);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void refusesTruncatedAndOversizedHeaders() throws IOException {
        assertTrue(refused(new byte[5]).getMessage().contains("too short"));
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        ModelFormatException e = refused(huge);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("header length 1099511627776 exceeds"), e.getMessage());
        byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertTrue(refused(negative).getMessage().contains("18446744073709551615"));
        byte[] good = TestFiles.safetensors("{" + tensor("x", "F32", "[2]", 0, 8) + "}", TestFiles.f32(1, 2));
        for (int cut : new int[] {8, 20, good.length - 1}) {
            refused(Arrays.copyOf(good, cut));
        }
    }

    @Test
    void refusesBadJsonAndUtf8WithTheirOffsets() throws IOException {
        byte[] badUtf8 = TestFiles.safetensors("{\"ab\":1}", new byte[0]);
        badUtf8[10] = (byte) 0xC3; // a lead byte followed by 'b' (not a continuation byte)
        ModelFormatException e = refused(badUtf8);
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("UTF-8"));
        assertTrue(refused(TestFiles.safetensors("[1,2]", new byte[0])).getMessage().contains("'{'"));
        assertTrue(refused(TestFiles.safetensors("{\"x\":", new byte[0])).getMessage().contains("not valid JSON"));
        assertTrue(refused(TestFiles.safetensors("{}{}", new byte[0])).getMessage().contains("not valid JSON"));
        String dup = "{" + tensor("x", "F32", "[1]", 0, 4) + "," + tensor("x", "F32", "[1]", 4, 8) + "}";
        assertTrue(refused(TestFiles.safetensors(dup, TestFiles.f32(1, 2))).getMessage().contains("x"));
        refused(TestFiles.safetensors("{" + "[".repeat(5000) + "]".repeat(5000) + "}", new byte[0]));
        // Two million empty objects: refused by the token cap instead of becoming a huge tree.
        String flood = "{\"__metadata__\":{},\"x\":[" + "{},".repeat(2_000_000) + "{}]}";
        assertTrue(refused(TestFiles.safetensors(flood, new byte[0])).getMessage().contains("Token count"));
    }

    @Test
    void refusesBadTensorEntries() throws IOException {
        byte[] eight = TestFiles.f32(1, 2);
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F16", "[4]", 0, 8) + "}", eight))
                .getMessage().contains("tensor 'w' has dtype F16"));
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[3]", 0, 8) + "}", eight))
                .getMessage().contains("needs 12 bytes"));
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[-2]", 0, 8) + "}", eight))
                .getMessage().contains("w'.shape[0] must be a non-negative integer"));
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[2.0]", 0, 8) + "}", eight))
                .getMessage().contains("shape[0]"));
        // 65536^4 = 2^64 overflows a long; the product must be refused, not wrapped to 0.
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[65536,65536,65536,65536]", 0, 8) + "}", eight))
                .getMessage().contains("more elements"));
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[2]", 0, 8).replace("]}", "],\"x\":1}") + "}", eight))
                .getMessage().contains("unknown field 'x'"));
        assertTrue(refused(TestFiles.safetensors("{\"__metadata__\":{\"a\":1}}", new byte[0]))
                .getMessage().contains("__metadata__.a must be a string"));
        assertTrue(refused(TestFiles.safetensors("{" + tensor("w", "F32", "[2]", 0, 99999999999999L) + "}", eight))
                .getMessage().contains("needs 8 bytes"));
    }

    /** Valid JSON, but a BigDecimal cannot hold an exponent beyond the int range: refused at the number, not thrown raw. */
    @Test
    void refusesNumbersWithExponentsBeyondAnIntAtTheirOffset() throws IOException {
        for (String number : new String[] {"1e-2147483649", "1e9999999999"}) {
            String header = "{" + tensor("w", "F32", "[" + number + "]", 0, 8) + "}";
            ModelFormatException e = refused(TestFiles.safetensors(header, TestFiles.f32(1, 2)));
            assertEquals(8 + header.indexOf(number), e.offset());
            assertTrue(e.getMessage().contains("number " + number + " is outside the range"), e.getMessage());
        }
    }

    @Test
    void refusesOverlapsGapsAndTrailingData() throws IOException {
        byte[] twelve = TestFiles.f32(1, 2, 3);
        String overlap = "{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("b", "F32", "[2]", 4, 12) + "}";
        assertTrue(refused(TestFiles.safetensors(overlap, twelve)).getMessage().contains("overlapping"));
        String gap = "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}";
        assertTrue(refused(TestFiles.safetensors(gap, twelve)).getMessage().contains("gap"));
        String late = "{" + tensor("a", "F32", "[1]", 4, 8) + "}";
        assertTrue(refused(TestFiles.safetensors(late, TestFiles.f32(1, 2))).getMessage().contains("starts at data offset 4"));
        String shortOne = "{" + tensor("a", "F32", "[2]", 0, 8) + "}";
        ModelFormatException e = refused(TestFiles.safetensors(shortOne, twelve));
        assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
    }

    @Test
    void tensorsInAnyHeaderOrderAreReturnedInDataOrder() throws IOException {
        String header = "{" + tensor("second", "F32", "[1]", 4, 8) + "," + tensor("first", "F32", "[1]", 0, 4) + "}";
        SafetensorsFile read = SafetensorsFile.read(TestFiles.write(dir, "o.safetensors",
                TestFiles.safetensors(header, TestFiles.f32(10, 20))));
        assertEquals(List.of("first", "second"), List.copyOf(read.tensors().keySet()));
        assertEquals(20f, read.tensor("second").data()[0]);
    }
}
