package org.msde4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comma-separated table with a header row (RFC 4180 quoting: {@code "a, b"} and {@code ""} inside
 * quotes; no line breaks inside a field). Rows keep their line numbers for messages.
 */
final class CsvTable {

    /** One data row. */
    record Row(int line, List<String> fields) {
    }

    private final Path file;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private CsvTable(Path file, Map<String, Integer> columns, List<Row> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads {@code file}; column names are matched without regard to case or surrounding spaces. */
    static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("CSV file " + file + " does not exist: check the path.");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IOException("CSV file " + file + " is empty: it needs a header row and one row per image.");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> header = split(lines.get(first).replace("\uFEFF", ""), file, first + 1);
        for (int c = 0; c < header.size(); c++) {
            columns.put(header.get(c).trim().toLowerCase(Locale.ROOT), c);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                List<String> fields = split(lines.get(i), file, i + 1);
                if (fields.size() != header.size()) {
                    throw new IOException(file + " line " + (i + 1) + " has " + fields.size() + " fields but the header has "
                            + header.size() + " (" + String.join(",", header) + "): fix that row.");
                }
                rows.add(new Row(i + 1, fields));
            }
        }
        return new CsvTable(file, columns, rows);
    }

    /** The index of a column, or an error that lists the columns there are. */
    int column(String name) throws IOException {
        Integer c = columns.get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IOException(file + " has no column \"" + name + "\" (its header is " + String.join(",", columns.keySet())
                    + "): add it to the header row.");
        }
        return c;
    }

    /** The index of a column, or −1 when the table has none of that name. */
    int optionalColumn(String name) {
        return columns.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
    }

    List<Row> rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    /** Splits one line into fields. */
    private static List<String> split(String line, Path file, int lineNumber) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IOException(file + " line " + lineNumber + " has an unclosed quote: close it with \".");
        }
        out.add(field.toString().trim());
        return out;
    }
}
