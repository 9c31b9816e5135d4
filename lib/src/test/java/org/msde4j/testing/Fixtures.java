package org.msde4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locates the shared test material ({@code ../shared} beside the checkout) and reads its CSV files.
 *
 * <p>In CI (environment variable {@code CI} set) missing material fails the test; elsewhere the
 * test is skipped with a message saying where the material was looked for.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The shared folder, or a skip/fail when absent. */
    public static Path shared() {
        String override = System.getProperty("msde4j.shared", System.getenv("MSDE4J_SHARED"));
        List<Path> tried = new ArrayList<>();
        if (override != null) {
            tried.add(Paths.get(override));
        }
        Path cwd = Paths.get("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            tried.add(p.resolveSibling("shared"));
            tried.add(p.resolve("shared"));
        }
        for (Path p : tried) {
            if (Files.isDirectory(p.resolve("fixtures")) || Files.isDirectory(p.resolve("data"))) {
                return p;
            }
        }
        String msg = "shared test material not found (looked for a 'shared' folder with fixtures/ beside "
                + cwd + " and its parents; set -Dmsde4j.shared=PATH)";
        if (System.getenv("CI") != null) {
            fail(msg + " — it must be present in CI.");
        }
        assumeTrue(false, msg + " — skipping outside CI.");
        return null;
    }

    /** A file under the shared folder that must exist (fails in CI, skips elsewhere). */
    public static Path file(String relative) {
        Path p = shared().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "missing shared file " + p;
            if (System.getenv("CI") != null) {
                fail(msg + " — it must be present in CI.");
            }
            assumeTrue(false, msg + " — skipping outside CI.");
        }
        return p;
    }

    /** The MSDE reference fixtures folder. */
    public static Path reference(String relative) {
        return file("fixtures/msde-reference/" + relative);
    }

    /** A CSV table with a header row, read whole. */
    public static final class Csv {
        private final Map<String, Integer> columns = new LinkedHashMap<>();
        private final List<String[]> rows = new ArrayList<>();

        private Csv(Path path) {
            try {
                List<String> lines = Files.readAllLines(path);
                String[] header = lines.get(0).split(",", -1);
                for (int c = 0; c < header.length; c++) {
                    columns.put(header[c], c);
                }
                for (String line : lines.subList(1, lines.size())) {
                    if (!line.isEmpty()) {
                        rows.add(line.split(",", -1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Csv read(Path path) {
            return new Csv(path);
        }

        public int size() {
            return rows.size();
        }

        public boolean has(String column) {
            return columns.containsKey(column);
        }

        private int column(String name) {
            Integer c = columns.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
            }
            return c;
        }

        public String text(int row, String column) {
            return rows.get(row)[column(column)];
        }

        public double number(int row, String column) {
            String s = text(row, column);
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        public int integer(int row, String column) {
            return Integer.parseInt(text(row, column));
        }

        public double[] column(String name, int from, int to) {
            double[] out = new double[to - from];
            for (int r = from; r < to; r++) {
                out[r - from] = number(r, name);
            }
            return out;
        }

        public double[] numbers(String name) {
            return column(name, 0, size());
        }

        /** Columns {@code prefix0, prefix1, …} as a matrix, rows in file order. */
        public double[][] matrix(String prefix) {
            int width = 0;
            while (columns.containsKey(prefix + width)) {
                width++;
            }
            double[][] out = new double[size()][width];
            for (int r = 0; r < size(); r++) {
                for (int c = 0; c < width; c++) {
                    out[r][c] = number(r, prefix + c);
                }
            }
            return out;
        }
    }
}
