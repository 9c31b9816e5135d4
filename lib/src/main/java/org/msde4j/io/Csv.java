package org.msde4j.io;

/**
 * Fields of comma-separated files as RFC 4180 writes them: a field that holds a comma, a double quote
 * or a line break is put in double quotes, with each of its double quotes doubled; any other field is
 * written as it is. Image names are the usual reason: {@code scan 3, left.png} would otherwise shift
 * every later column of its row.
 */
public final class Csv {

    private Csv() {
    }

    /** {@code text} as one CSV field. */
    public static String field(String text) {
        boolean plain = text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
