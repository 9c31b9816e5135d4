package org.msde4j.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.msde4j.Version;
import org.msde4j.io.Sha256;

/**
 * The runner's stamp on a notebook it wrote: in the notebook's metadata, under {@value #KEY}, the
 * runner's version and, for each code cell (by cell id), the SHA-256 of its source, execution count
 * and outputs. {@link #problems} recomputes the digests: outputs edited by hand, a cell changed or
 * added after the run, or a notebook saved from JupyterLab after running cells there, no longer
 * match, so a test can prove that committed outputs are the runner's outputs of the committed code.
 *
 * <p>The digest is of a canonical form — keys sorted, nbformat's multiline strings joined — so it
 * does not depend on how a tool lays out the JSON; it changes with any change of content. It is a
 * check against mistakes, not a signature: whoever edits a notebook on purpose can recompute it.
 */
final class OutputStamp {

    /** The notebook-metadata key of the stamp. */
    static final String KEY = "msde-notebook";

    private OutputStamp() {
    }

    /** Writes the stamp of {@code notebook}'s code cells into its metadata (replacing an older one). */
    static void stamp(ObjectNode notebook) {
        ObjectNode stamp = ((ObjectNode) notebook.path("metadata")).putObject(KEY);
        stamp.put("runner", "msde-notebook " + Version.current());
        ObjectNode digests = stamp.putObject("outputs_sha256");
        for (JsonNode cell : notebook.path("cells")) {
            if (isCode(cell)) {
                digests.put(cell.path("id").asText(), digest(cell));
            }
        }
    }

    /**
     * What does not match the stamp, one line per problem naming the cell; empty when every code
     * cell's source, count and outputs are as the runner wrote them.
     */
    static List<String> problems(ObjectNode notebook) {
        JsonNode digests = notebook.path("metadata").path(KEY).path("outputs_sha256");
        if (!digests.isObject()) {
            return List.of("it has no msde-notebook stamp in its metadata: its outputs were not written by the runner");
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode cells = notebook.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!isCode(cell)) {
                continue;
            }
            String id = cell.path("id").asText();
            seen.add(id);
            String cellName = new Notebook.Cell(i + 1, "code", NotebookJson.text(cell.get("source"))).describe();
            if (!digests.has(id)) {
                problems.add(cellName + " was added after the runner wrote the notebook");
            } else if (!digests.get(id).asText().equals(digest(cell))) {
                problems.add(cellName + ": its code or outputs changed after the runner wrote them");
            }
        }
        for (Iterator<String> ids = digests.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            if (!seen.contains(id)) {
                problems.add("the code cell with id " + id + " was removed after the runner wrote the notebook");
            }
        }
        return problems;
    }

    private static boolean isCode(JsonNode cell) {
        return "code".equals(cell.path("cell_type").asText());
    }

    /** SHA-256 of the cell's source, execution count and outputs in canonical form. */
    static String digest(JsonNode cell) {
        ObjectNode canonical = NotebookJson.MAPPER.createObjectNode();
        canonical.put("source", NotebookJson.text(cell.get("source")));
        canonical.set("execution_count", cell.path("execution_count").deepCopy());
        ArrayNode outputs = canonical.putArray("outputs");
        for (JsonNode output : cell.path("outputs")) {
            ObjectNode o = output.deepCopy();
            if (o.has("text")) {
                o.put("text", NotebookJson.text(o.get("text")));
            }
            if (o.get("data") instanceof ObjectNode data) {
                List<String> types = new ArrayList<>();
                data.fieldNames().forEachRemaining(types::add);
                for (String type : types) {
                    if (NotebookJson.isLineSplit(type)) {
                        data.put(type, NotebookJson.text(data.get(type)));
                    }
                }
            }
            outputs.add(o);
        }
        return Sha256.of(NotebookJson.format(canonical).getBytes(StandardCharsets.UTF_8));
    }
}
