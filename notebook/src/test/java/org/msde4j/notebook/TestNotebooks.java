package org.msde4j.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small notebooks for tests and reads back what the runner wrote. */
final class TestNotebooks {

    private TestNotebooks() {
    }

    /**
     * Writes {@code folder/name}: an nbformat 4.4 notebook (no cell ids) with a markdown cell and then
     * one code cell per {@code code}, sources stored as arrays of lines like JupyterLab does.
     */
    static Path write(Path folder, String name, String... code) throws IOException {
        ObjectNode notebook = NotebookJson.MAPPER.createObjectNode();
        ArrayNode cells = notebook.putArray("cells");
        ObjectNode markdown = cells.addObject();
        markdown.put("cell_type", "markdown");
        markdown.putObject("metadata");
        markdown.set("source", NotebookJson.lines("# A test notebook\nwith *markdown*"));
        for (String source : code) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code");
            cell.putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.set("source", NotebookJson.lines(source));
        }
        ObjectNode kernel = notebook.putObject("metadata").putObject("kernelspec");
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        kernel.put("name", "java");
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 4);
        Path path = folder.resolve(name);
        Files.writeString(path, NotebookJson.format(notebook));
        return path;
    }

    static JsonNode read(Path path) throws IOException {
        return NotebookJson.MAPPER.readTree(path.toFile());
    }

    /** The outputs of the notebook's cell numbered {@code cell} (1 = the markdown cell). */
    static List<JsonNode> outputs(JsonNode notebook, int cell) {
        List<JsonNode> outputs = new ArrayList<>();
        notebook.get("cells").get(cell - 1).get("outputs").forEach(outputs::add);
        return outputs;
    }

    static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    /** A console that keeps what is printed. */
    static final class Console {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
