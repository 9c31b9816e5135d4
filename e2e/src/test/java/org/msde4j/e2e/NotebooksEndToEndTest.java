package org.msde4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msde4j.testing.HeadlessBrowser;

/**
 * The notebooks of {@code notebooks/} as CI runs them: executed by {@code ./jbang msde-notebook} with
 * fresh data and cache folders (so the self-supervised backbone is trained, as on a new machine),
 * written to a folder of the test's own (the committed files are not touched), and checked: no
 * error output and nothing on stderr; the same kinds of output, cell by cell, as the committed
 * notebooks (not the same bytes: times and paths differ), and the same AUROC and AP figures in their
 * printed text to 0.02 (the runner gives libtorch its portable kernels, so that the backbone trained
 * here is the committed one on any x86-64 CPU); every figure drawn
 * in headless Chromium. And the committed notebooks carry the runner's stamp of their outputs.
 */
class NotebooksEndToEndTest {

    private static final Path NOTEBOOKS = Jbang.REPO.resolve("notebooks");
    private static final Path SHARED_MEDMNIST = Jbang.REPO.resolve("../shared/data/pneumoniamnist-balanced.npz");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static List<Path> committed;

    @BeforeAll
    static void findNotebooks() throws Exception {
        home = Files.createTempDirectory("msde4j-notebooks-e2e");
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            committed = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(5, committed.size(), "01-quickstart, 02-latent-shifts, 03-evaluate-datasets, 04-parameters, "
                + "05-localisation: " + committed);
    }

    private static List<String> paths(List<Path> notebooks) {
        return notebooks.stream().map(p -> Jbang.REPO.relativize(p).toString()).toList();
    }

    @Test
    void theCommittedNotebooksHoldTheRunnersOutputsWithoutErrors() throws Exception {
        List<String> args = new ArrayList<>(List.of("msde-notebook", "check"));
        args.addAll(paths(committed));
        Jbang.Result check = Jbang.run(home, Duration.ofMinutes(5), args);
        assertEquals(0, check.code(), check.output());
        for (Path notebook : committed) {
            JsonNode json = JSON.readTree(notebook.toFile());
            assertEquals("java", json.at("/metadata/kernelspec/name").asText(), notebook + ": kernel java");
            assertEquals("%maven org.msde4j:msde4j:0.1.0-SNAPSHOT", firstCode(json), notebook + ": the first cell");
            assertEquals(List.of(), problems(json), notebook.toString());
        }
    }

    @Test
    void everyNotebookRunsCleanlyAndDrawsItsFigures() throws Exception {
        Path out = home.resolve("executed");
        List<String> args = new ArrayList<>(List.of("msde-notebook", "run", "--out", out.toString()));
        args.addAll(paths(committed));
        Jbang.Result run = Jbang.run(home, Duration.ofMinutes(25), args);
        assertEquals(0, run.code(), run.output());
        System.out.println(run.output());
        for (Path notebook : committed) {
            Path executed = out.resolve(notebook.getFileName());
            JsonNode fresh = JSON.readTree(executed.toFile());
            assertEquals(List.of(), problems(fresh), executed.toString());
            if (notebook.getFileName().toString().startsWith("03") && !Files.exists(SHARED_MEDMNIST)) {
                System.out.println("not comparing the outputs of " + notebook.getFileName() + " with the committed ones: "
                        + SHARED_MEDMNIST + " (evaluated in the committed run) is absent here");
            } else {
                JsonNode before = JSON.readTree(notebook.toFile());
                assertEquals(kinds(before), kinds(fresh),
                        notebook.getFileName() + ": each cell makes the same kinds of output as the committed notebook");
                assertSameKeyNumbers(before, fresh, notebook.getFileName().toString());
            }
            assertFiguresDraw(fresh, home.resolve(notebook.getFileName() + ".html"));
        }
        Jbang.Result check = Jbang.run(home, Duration.ofMinutes(5), List.of("msde-notebook", "check",
                out.resolve(committed.get(0).getFileName()).toString()));
        assertEquals(0, check.code(), "a notebook the runner just wrote passes the check:\n" + check.output());
    }

    private static String firstCode(JsonNode notebook) {
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                return text(cell.get("source")).strip();
            }
        }
        return "";
    }

    /** Error outputs and text written to stderr, one line per cell that has them. */
    private static List<String> problems(JsonNode notebook) {
        List<String> problems = new ArrayList<>();
        JsonNode cells = notebook.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            for (JsonNode output : cells.get(i).path("outputs")) {
                String type = output.get("output_type").asText();
                if (type.equals("error")) {
                    problems.add("cell " + (i + 1) + ": error " + output.get("ename").asText() + ": "
                            + output.get("evalue").asText());
                } else if (type.equals("stream") && output.get("name").asText().equals("stderr")) {
                    problems.add("cell " + (i + 1) + ": stderr: " + text(output.get("text")));
                }
            }
        }
        return problems;
    }

    /** For each cell, the kinds of its outputs: stream name, or output type and MIME types. */
    private static List<List<String>> kinds(JsonNode notebook) {
        List<List<String>> kinds = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            List<String> k = new ArrayList<>();
            for (JsonNode output : cell.path("outputs")) {
                String type = output.get("output_type").asText();
                if (type.equals("stream")) {
                    k.add("stream " + output.get("name").asText());
                } else {
                    TreeSet<String> mime = new TreeSet<>();
                    output.path("data").fieldNames().forEachRemaining(mime::add);
                    k.add(type + " " + mime);
                }
            }
            kinds.add(k);
        }
        return kinds;
    }

    /** A metric printed after its name or after a method's name: "AUROC 0.785", "MSDE (inductive) | 0.7852". */
    private static final Pattern KEY_NUMBER = Pattern.compile(
            "(?:AUROC|\\bAP|MSDE \\((?:transductive|inductive)\\)|GDE \\(no MSDE\\)|kNN distance)[^0-9\\n]{0,12}?(\\d\\.\\d+)");
    /** AUROC and AP are in [0, 1]; a fresh run may differ from the committed one in libtorch's last bits only. */
    private static final double KEY_NUMBER_TOLERANCE = 0.02;

    /** The key numbers of each cell's printed text, in order. */
    private static List<List<Double>> keyNumbers(JsonNode notebook) {
        List<List<Double>> out = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            List<Double> numbers = new ArrayList<>();
            for (JsonNode output : cell.path("outputs")) {
                if (output.get("output_type").asText().equals("stream") && output.get("name").asText().equals("stdout")) {
                    Matcher m = KEY_NUMBER.matcher(text(output.get("text")));
                    while (m.find()) {
                        numbers.add(Double.parseDouble(m.group(1)));
                    }
                }
            }
            out.add(numbers);
        }
        return out;
    }

    /** The AUROC and AP figures a notebook prints agree with the committed ones, cell by cell. */
    private static void assertSameKeyNumbers(JsonNode committed, JsonNode fresh, String name) {
        List<List<Double>> expected = keyNumbers(committed);
        List<List<Double>> actual = keyNumbers(fresh);
        for (int c = 0; c < expected.size(); c++) {
            String where = name + " cell " + (c + 1) + ": committed " + expected.get(c) + ", now " + actual.get(c);
            assertEquals(expected.get(c).size(), actual.get(c).size(), where);
            for (int i = 0; i < expected.get(c).size(); i++) {
                assertEquals(expected.get(c).get(i), actual.get(c).get(i), KEY_NUMBER_TOLERANCE, where);
            }
        }
    }

    /**
     * Puts the notebook's outputs on one page in cell order, as nbconvert and JupyterLab show a trusted
     * notebook, and checks in headless Chromium that plotly.js loaded and every figure was drawn.
     */
    private static void assertFiguresDraw(JsonNode notebook, Path page) throws Exception {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (JsonNode cell : notebook.get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                JsonNode data = output.path("data");
                if (data.has("text/html")) {
                    html.append("<div>").append(text(data.get("text/html"))).append("</div>\n");
                } else if (data.has("image/png")) {
                    html.append("<img src=\"data:image/png;base64,").append(data.get("image/png").asText()).append("\">\n");
                }
            }
        }
        Files.writeString(page, html.append("</body></html>\n"));
        String dom = HeadlessBrowser.render(page, null, 1300, 3000);
        assertTrue(dom.contains("is loaded for the figures below"), page + ": plotly.js was not loaded");
        List<Integer> paths = HeadlessBrowser.pathsPerFigure(dom, "msde4j_[0-9a-f]{12}");
        assertFalse(paths.isEmpty(), page + " has no figure");
        assertTrue(paths.stream().allMatch(n -> n > 0), page + ": every figure has drawn data: " + paths);
        assertFalse(Pattern.compile("id=\"msde4j_[0-9a-f]{12}-note\"").matcher(dom).find(),
                page + ": a figure still shows the note that says it was not drawn");
    }

    private static String text(JsonNode multiline) {
        if (multiline.isTextual()) {
            return multiline.asText();
        }
        StringBuilder s = new StringBuilder();
        multiline.forEach(line -> s.append(line.asText()));
        return s.toString();
    }
}
