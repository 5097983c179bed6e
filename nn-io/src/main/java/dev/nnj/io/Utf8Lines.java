package dev.nnj.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a file into lines at the byte level and decodes each line on its own. A decoder reading
 * ahead through a large buffer would fail on a bad byte while the caller is still many lines earlier;
 * here the error names the bad byte's own line and file offset. Line breaks are LF, CRLF or a lone
 * CR, as for {@link java.io.BufferedReader#readLine}; their bytes never occur inside a UTF-8 sequence.
 */
final class Utf8Lines implements AutoCloseable {
    private static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long bufferStart;
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private byte[] line = new byte[256];
    private CharBuffer chars = CharBuffer.allocate(256);
    private long lineStart;
    private long number;

    Utf8Lines(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    /** 1-based number of the line last returned by {@link #next}. */
    long number() {
        return number;
    }

    /** The next line without its line break, or null at the end of the file. */
    String next() throws IOException {
        int length = 0;
        boolean started = false;
        while (true) {
            if (position == limit && !fill()) {
                return started ? decode(length) : null;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            if (!started) {
                started = true;
                lineStart = bufferStart + position;
                number++;
            }
            int from = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            length = append(length, from, position);
            if (position < limit) {
                skipLineFeed = buffer[position++] == '\r';
                return decode(length);
            }
        }
    }

    private boolean fill() throws IOException {
        bufferStart += limit;
        position = 0;
        limit = Math.max(0, in.read(buffer));
        return limit > 0;
    }

    private int append(int length, int from, int to) throws DatasetFormatException {
        int n = to - from;
        if (length + n > line.length) {
            if ((long) length + n > MAX_LINE_BYTES) {
                throw DatasetFormatException.atLine(file, number, -1, "line is longer than " + MAX_LINE_BYTES
                        + " bytes; expected one sample per line");
            }
            line = Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, Math.max((long) length + n, 2L * line.length)));
        }
        System.arraycopy(buffer, from, line, length, n);
        return length + n;
    }

    private String decode(int length) throws DatasetFormatException {
        // UTF-8 never decodes to more chars than it has bytes, so one call decodes the whole line.
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(length);
        }
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CoderResult result = decoder.reset().decode(bytes, chars, true);
        if (result.isError()) {
            int at = bytes.position();
            throw DatasetFormatException.atLine(file, number, -1, String.format("byte %d of the file (0x%02x) is not"
                    + " valid UTF-8; save the file as UTF-8", lineStart + at, line[at] & 0xFF));
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
