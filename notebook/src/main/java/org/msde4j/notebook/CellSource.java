package org.msde4j.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code cell cut into the steps the Java kernels run in order: Java code, and line magics
 * ({@code %name args...} on a line of its own). As in IJava and JJava, arguments are separated by
 * blanks, {@code "..."} groups blanks into one argument and {@code \} escapes the next character; a
 * first line starting with {@code %%} makes the whole cell a cell magic.
 *
 * <p>The kernels also accept a line magic as a value ({@code List<String> jars = %jars *.jar}); the
 * runner does not, and says so, since no notebook here needs the value.
 */
record CellSource(List<Step> steps) {

    /** One step of a cell. */
    sealed interface Step {
        /** 1-based line of the cell where the step starts. */
        int line();
    }

    /** Java code: one or more JShell snippets. */
    record Code(String text, int line) implements Step {
    }

    /** A magic: {@code %name args} (or {@code %%name args} with the rest of the cell as body). */
    record Magic(String name, List<String> args, int line, boolean cellMagic) implements Step {
        Magic {
            args = List.copyOf(args);
        }

        String text() {
            return (cellMagic ? "%%" : "%") + name + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }
    }

    /** A magic written where the runner cannot run it. */
    static final class MisplacedMagic extends Exception {
        final int line;

        MisplacedMagic(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(?<name>\\w[\\w.-]*)(?<args>.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%(?<name>\\w[\\w.-]*)(?<args>.*)$");
    private static final Pattern MAGIC_AS_VALUE = Pattern.compile("=\\s*%\\w");

    CellSource {
        steps = List.copyOf(steps);
    }

    static CellSource parse(String source) throws MisplacedMagic {
        String[] lines = source.split("\n", -1);
        List<Step> steps = new ArrayList<>();
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher cell = CELL_MAGIC.matcher(lines[first]);
            if (cell.matches()) {
                steps.add(new Magic(cell.group("name"), arguments(cell.group("args")), first + 1, true));
                return new CellSource(steps);
            }
        }
        StringBuilder code = new StringBuilder();
        int codeLine = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher magic = LINE_MAGIC.matcher(lines[i]);
            if (magic.matches()) {
                addCode(steps, code, codeLine);
                steps.add(new Magic(magic.group("name"), arguments(magic.group("args")), i + 1, false));
                codeLine = i + 2;
                continue;
            }
            checkNoMagicValue(lines[i], i + 1);
            if (code.length() > 0) {
                code.append('\n');
            }
            code.append(lines[i]);
        }
        addCode(steps, code, codeLine);
        return new CellSource(steps);
    }

    private static void addCode(List<Step> steps, StringBuilder code, int line) {
        if (!code.toString().isBlank()) {
            steps.add(new Code(code.toString(), line));
        }
        code.setLength(0);
    }

    private static void checkNoMagicValue(String line, int number) throws MisplacedMagic {
        Matcher m = MAGIC_AS_VALUE.matcher(line);
        while (m.find()) {
            if (!insideString(line.substring(0, m.start()))) {
                throw new MisplacedMagic(number, "a magic used as a value (`" + line.strip() + "`) is not "
                        + "supported by the runner: put the magic on a line of its own.");
            }
        }
    }

    /** Whether a line prefix ends inside a string literal (an odd number of unescaped quotes). */
    private static boolean insideString(String prefix) {
        boolean inside = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Splits magic arguments: blanks separate, double quotes group, backslash escapes. */
    static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean started = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
                started = true;
            } else if (c == '"') {
                quoted = !quoted;
                started = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (started) {
                    args.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (started) {
            args.add(current.toString());
        }
        return args;
    }
}
