package dev.nnj.cli;

import dev.nnj.io.CsvFormat;
import dev.nnj.io.CsvReader;
import dev.nnj.io.LabeledData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data set shipped inside nnj: the UCI handwritten digits, 1797 images of 8×8 pixels in 0..16 with
 * their class 0..9 (E. Alpaydin, C. Kaynak, 1998; CC BY 4.0; see {@code data/README.md} beside the
 * resource). Small enough to train on in seconds, so that {@code nnj train} works with no download.
 */
final class BuiltInDigits {

    static final String DESCRIPTION = "built-in UCI handwritten digits (8×8, 1797 samples)";
    static final String RESOURCE = "data/digits.csv.gz";
    static final int PIXELS = 64;

    private BuiltInDigits() {
    }

    /**
     * The resource is kept exactly as published (gzip, no header), while nn-io's CSV reader reads a file
     * with a header row; so it is expanded into a temporary file with a header naming the columns, which
     * is deleted again once read.
     */
    static LabeledData read(List<String> classNames) throws IOException {
        Path temp = Files.createTempFile("nnj-digits-", ".csv");
        try {
            try (InputStream resource = BuiltInDigits.class.getResourceAsStream(RESOURCE)) {
                if (resource == null) {
                    throw new IOException("the built-in data set " + RESOURCE + " is missing from the nnj jar; rebuild it");
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource),
                             StandardCharsets.US_ASCII));
                     BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    out.write(header());
                    out.newLine();
                    for (String line; (line = in.readLine()) != null; ) {
                        out.write(line);
                        out.newLine();
                    }
                }
            }
            return CsvReader.read(temp, CsvFormat.labelNamed("digit"), classNames);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code r0c0,r0c1,…,r7c7,digit}: the pixels by row and column, then the label. */
    private static String header() {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < PIXELS; p++) {
            s.append('r').append(p / 8).append('c').append(p % 8).append(',');
        }
        return s.append("digit").toString();
    }
}
