package org.msde4j.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Jupyter notebook in nbformat 4: its JSON document, kept whole so that everything the runner
 * does not change (markdown, metadata, attachments, unknown fields) is written back untouched.
 * Notebooks of minor version 0–4 are upgraded to 4.5 on reading, as Jupyter does when it saves them:
 * cells get an {@code id} (here {@code cell-N}, N its position, so that runs are reproducible).
 * Instances are immutable; {@link #withOutputs} returns a new notebook, stamped ({@link OutputStamp}).
 */
final class Notebook {

    /** One cell: its 1-based position in the notebook, its type and its source text. */
    record Cell(int number, String type, String source) {

        boolean isCode() {
            return type.equals("code");
        }

        boolean isBlank() {
            return source.isBlank();
        }

        /** "cell 4 (`var x = load(...)`)": how messages name a cell. */
        String describe() {
            String first = source.strip().lines().findFirst().orElse("");
            if (first.length() > 60) {
                first = first.substring(0, 57) + "...";
            }
            return "cell " + number + " (`" + first + "`)";
        }
    }

    /** What running a code cell produced: its execution count ({@code null}: not run) and outputs. */
    record Execution(Integer executionCount, List<Output> outputs) {
        Execution {
            outputs = List.copyOf(outputs);
        }
    }

    private static final int CURRENT_MINOR = 5;

    private final Path path;
    private final ObjectNode json;

    private Notebook(Path path, ObjectNode json) {
        this.path = path;
        this.json = json;
    }

    /** Reads and checks {@code path}; the message of a failure says what is wrong and what to do. */
    static Notebook read(Path path) throws NotebookException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new NotebookException(path + ": no such file. Give the path of an .ipynb notebook.");
        } catch (CharacterCodingException e) {
            throw new NotebookException(path + " is not UTF-8 text, so it is not a notebook (.ipynb files are "
                    + "UTF-8 JSON). Check that you passed the right file.");
        } catch (IOException e) {
            throw new NotebookException("cannot read " + path + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = NotebookJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new NotebookException(path + " is not valid JSON (line " + where.getLineNr() + ", column "
                    + where.getColumnNr() + ": " + e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[")
                    + "). A notebook is the JSON file JupyterLab saves; if it was edited by hand or merged, "
                    + "repair it or restore it from version control.");
        }
        if (root == null || !root.isObject()) {
            throw new NotebookException(path + " is JSON but not a notebook: the top level must be an object "
                    + "with \"cells\", \"metadata\", \"nbformat\" and \"nbformat_minor\".");
        }
        ObjectNode json = (ObjectNode) root;
        JsonNode major = json.get("nbformat");
        if (major == null || !major.canConvertToInt() || major.intValue() != 4) {
            throw new NotebookException(path + " is nbformat " + (major == null ? "(missing)" : major)
                    + ", but the runner reads nbformat 4 only: open and save it in JupyterLab, or convert it "
                    + "with `jupyter nbconvert --to notebook`.");
        }
        upgradeToCurrentMinor(json);
        List<String> violations = NotebookSchema.violations(json);
        if (!violations.isEmpty()) {
            throw new NotebookException(path + " does not follow the nbformat 4.5 schema:\n  "
                    + String.join("\n  ", violations.subList(0, Math.min(5, violations.size())))
                    + (violations.size() > 5 ? "\n  ... and " + (violations.size() - 5) + " more" : "")
                    + "\nRepair these fields (JupyterLab writes valid notebooks) and run again.");
        }
        return new Notebook(path, json);
    }

    Path path() {
        return path;
    }

    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        JsonNode all = json.get("cells");
        for (int i = 0; i < all.size(); i++) {
            JsonNode cell = all.get(i);
            cells.add(new Cell(i + 1, cell.get("cell_type").asText(), NotebookJson.text(cell.get("source"))));
        }
        return cells;
    }

    /** A copy whose code cells numbered in {@code executions} carry those counts and outputs. */
    Notebook withOutputs(Map<Integer, Execution> executions) {
        ObjectNode copy = json.deepCopy();
        ArrayNode cells = (ArrayNode) copy.get("cells");
        executions.forEach((number, execution) -> {
            ObjectNode cell = (ObjectNode) cells.get(number - 1);
            if (execution.executionCount() == null) {
                cell.putNull("execution_count");
            } else {
                cell.put("execution_count", execution.executionCount());
            }
            ArrayNode outputs = cell.putArray("outputs");
            execution.outputs().forEach(output -> outputs.add(output.toJson()));
        });
        OutputStamp.stamp(copy);
        return new Notebook(path, copy);
    }

    /**
     * Why this notebook's outputs cannot be taken as the runner's outputs of its code (see
     * {@link OutputStamp}), and which cells hold error outputs; empty when neither.
     */
    List<String> checkProblems() {
        List<String> problems = new ArrayList<>(OutputStamp.problems(json));
        List<Cell> all = cells();
        for (int i = 0; i < all.size(); i++) {
            for (JsonNode output : json.get("cells").get(i).path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    problems.add(all.get(i).describe() + " has an error output: " + output.path("ename").asText() + ": "
                            + output.path("evalue").asText());
                }
            }
        }
        return problems;
    }

    /** The notebook as Jupyter would write it; fails if it breaks the schema (a runner bug). */
    String toText() {
        ObjectNode copy = json.deepCopy();
        NotebookJson.splitLines(copy);
        List<String> violations = NotebookSchema.violations(copy);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the runner produced an invalid notebook for " + path
                    + " (nothing was written); please report this: " + violations);
        }
        return NotebookJson.format(copy);
    }

    private static void upgradeToCurrentMinor(ObjectNode json) {
        JsonNode minor = json.get("nbformat_minor");
        if (minor != null && minor.canConvertToInt() && minor.intValue() >= CURRENT_MINOR) {
            return;
        }
        json.put("nbformat_minor", CURRENT_MINOR);
        JsonNode cells = json.get("cells");
        if (cells == null || !cells.isArray()) {
            return;
        }
        Set<String> taken = new HashSet<>();
        cells.forEach(cell -> {
            if (cell.hasNonNull("id")) {
                taken.add(cell.get("id").asText());
            }
        });
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) instanceof ObjectNode cell && !cell.hasNonNull("id")) {
                String id = "cell-" + (i + 1);
                for (int n = 2; taken.contains(id); n++) {
                    id = "cell-" + (i + 1) + "-" + n;
                }
                taken.add(id);
                cell.put("id", id);
            }
        }
    }
}
