package dev.nnj.io;

/**
 * How to read a CSV file: the field delimiter and which column holds the class label, by header name
 * or by 0-based index. Every other column is a numeric feature.
 *
 * @param delimiter  the field separator, e.g. {@code ','} or {@code ';'} or a tab
 * @param labelName  the label column's header name, or null to use {@code labelIndex}
 * @param labelIndex the label column's 0-based index (negative counts from the end: -1 is the last
 *                   column); used when {@code labelName} is null
 */
public record CsvFormat(char delimiter, String labelName, int labelIndex) {

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
        }
    }

    /** Comma-separated, label in the column with this header name. */
    public static CsvFormat labelNamed(String name) {
        return new CsvFormat(',', name, 0);
    }

    /** Comma-separated, label in the column at this 0-based index (-1 for the last). */
    public static CsvFormat labelAt(int index) {
        return new CsvFormat(',', null, index);
    }

    public CsvFormat withDelimiter(char d) {
        return new CsvFormat(d, labelName, labelIndex);
    }
}
