package org.msde4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens an HTML file in headless Chromium (Debian's {@code chromium}) and returns the DOM after its
 * scripts ran, optionally with a screenshot. Missing Chromium fails in CI (where {@code .ci/run}
 * installs it) and skips elsewhere.
 */
public final class HeadlessBrowser {

    private HeadlessBrowser() {
    }

    /** The rendered DOM of {@code page}; writes a PNG screenshot when {@code screenshot} is not null. */
    public static String render(Path page, Path screenshot, int width, int height) throws IOException, InterruptedException {
        String chromium = find();
        Path profile = Files.createTempDirectory("msde4j-chromium");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--virtual-time-budget=10000"));
        try {
            if (screenshot != null) {
                command.add("--screenshot=" + screenshot.toAbsolutePath());
                run(command, page);
                command.remove(command.size() - 1);
            }
            command.add("--dump-dom");
            return run(command, page);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String run(List<String> command, Path page) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.add(page.toAbsolutePath().toUri().toString());
        Path out = Files.createTempFile("msde4j-dom", ".html");
        Process p = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish rendering " + page + " within 120 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String find() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String msg = "headless Chromium not found (install Debian's chromium: apt-get install chromium)";
        if (System.getenv("CI") != null) {
            fail(msg + " — .ci/run installs it, so CI must have it.");
        }
        assumeTrue(false, msg + " — skipping outside CI.");
        return null;
    }

    /** The text of the report's error panel ({@code <pre id="msde4j-errors">}), empty if none. */
    public static String reportedErrors(String dom) {
        Matcher m = Pattern.compile("<pre id=\"msde4j-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        return m.find() ? m.group(1).trim() : "(error panel missing)";
    }

    /** A drawn Plotly figure: its title and the texts of its legend entries, in the order shown. */
    public record DrawnFigure(String title, List<String> legend) {
    }

    /** Title and legend of each Plotly figure div ({@code id="figureN"}), in page order. */
    public static List<DrawnFigure> figures(String dom) {
        List<DrawnFigure> out = new ArrayList<>();
        for (String part : figureParts(dom, "figure\\d+")) {
            Matcher title = Pattern.compile("class=\"gtitle\"[^>]*>([^<]*)").matcher(part);
            Matcher legend = Pattern.compile("class=\"legendtext\"[^>]*>([^<]*)").matcher(part);
            List<String> entries = new ArrayList<>();
            while (legend.find()) {
                entries.add(legend.group(1));
            }
            out.add(new DrawnFigure(title.find() ? title.group(1) : "", entries));
        }
        return out;
    }

    /** For each Plotly figure div of a report ({@code id="figureN"}): the number of drawn SVG paths inside it. */
    public static List<Integer> pathsPerFigure(String dom) {
        return pathsPerFigure(dom, "figure\\d+");
    }

    /** For each Plotly figure div whose id matches {@code idPattern}: the number of drawn SVG paths inside it. */
    public static List<Integer> pathsPerFigure(String dom, String idPattern) {
        List<Integer> counts = new ArrayList<>();
        for (String part : figureParts(dom, idPattern)) {
            Matcher traces = Pattern.compile("<g class=\"trace[^\"]*\"").matcher(part);
            int traceCount = 0;
            while (traces.find()) {
                traceCount++;
            }
            Matcher paths = Pattern.compile("<path[^>]*d=\"M[^\"]{4,}").matcher(part);
            int pathCount = 0;
            while (paths.find()) {
                pathCount++;
            }
            counts.add(traceCount == 0 ? 0 : pathCount);
        }
        return counts;
    }

    /** The DOM of each figure div whose id matches {@code idPattern}, from its start to the next one's. */
    private static List<String> figureParts(String dom, String idPattern) {
        Matcher m = Pattern.compile("<div id=[\"']" + idPattern + "[\"']").matcher(dom);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            parts.add(dom.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : dom.length()));
        }
        return parts;
    }
}
