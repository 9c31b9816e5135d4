package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputStampTest {

    /** A notebook as the runner leaves it: a markdown cell, two executed code cells, stamped. */
    private static ObjectNode stamped() {
        ObjectNode notebook = NotebookJson.MAPPER.createObjectNode();
        notebook.putObject("metadata");
        ArrayNode cells = notebook.putArray("cells");
        cells.addObject().put("cell_type", "markdown").put("id", "cell-1").put("source", "# Title");
        ObjectNode first = cells.addObject().put("cell_type", "code").put("id", "cell-2").put("execution_count", 1)
                .put("source", "System.out.println(42);");
        first.putArray("outputs").addObject().put("output_type", "stream").put("name", "stdout").put("text", "42\nok\n");
        ObjectNode second = cells.addObject().put("cell_type", "code").put("id", "cell-3").put("execution_count", 2)
                .put("source", "display(html, \"text/html\");");
        ObjectNode shown = second.putArray("outputs").addObject().put("output_type", "display_data");
        shown.putObject("data").put("text/html", "<b>a</b>\n<i>b</i>").put("text/plain", "<b>a</b>\n<i>b</i>");
        shown.putObject("metadata");
        OutputStamp.stamp(notebook);
        return notebook;
    }

    private static ObjectNode cell(ObjectNode notebook, int index) {
        return (ObjectNode) notebook.get("cells").get(index);
    }

    @Test
    void aStampedNotebookPassesWhateverItsLineLayout() {
        ObjectNode notebook = stamped();
        assertEquals(List.of(), OutputStamp.problems(notebook));
        NotebookJson.splitLines(notebook);
        assertEquals(List.of(), OutputStamp.problems(notebook), "stored as arrays of lines, as Jupyter writes it");
        assertTrue(notebook.at("/metadata/msde-notebook/runner").asText().startsWith("msde-notebook "));
    }

    @Test
    void changedOutputsCodeOrCountsAreNamedByCell() {
        ObjectNode edited = stamped();
        ((ObjectNode) cell(edited, 1).get("outputs").get(0)).put("text", "43\nok\n");
        assertEquals(List.of("cell 2 (`System.out.println(42);`): its code or outputs changed after the runner wrote them"),
                OutputStamp.problems(edited));

        ObjectNode recoded = stamped();
        cell(recoded, 2).put("source", "display(other, \"text/html\");");
        assertEquals(1, OutputStamp.problems(recoded).size());

        ObjectNode rerun = stamped();
        cell(rerun, 1).put("execution_count", 5);
        assertEquals(1, OutputStamp.problems(rerun).size(), "run again in JupyterLab: another count");
    }

    @Test
    void addedAndRemovedCellsAreReported() {
        ObjectNode added = stamped();
        ((ArrayNode) added.get("cells")).addObject().put("cell_type", "code").put("id", "new").put("source", "1 + 1")
                .putNull("execution_count").putArray("outputs");
        assertEquals(List.of("cell 4 (`1 + 1`) was added after the runner wrote the notebook"),
                OutputStamp.problems(added));

        ObjectNode removed = stamped();
        ((ArrayNode) removed.get("cells")).remove(1);
        assertEquals(List.of("the code cell with id cell-2 was removed after the runner wrote the notebook"),
                OutputStamp.problems(removed));

        ObjectNode markdownEdited = stamped();
        cell(markdownEdited, 0).put("source", "# Another title");
        assertEquals(List.of(), OutputStamp.problems(markdownEdited), "prose may change without a new run");
    }

    @Test
    void aNotebookWithoutStampIsNotTheRunners() {
        ObjectNode notebook = stamped();
        ((ObjectNode) notebook.get("metadata")).remove(OutputStamp.KEY);
        assertEquals(1, OutputStamp.problems(notebook).size());
        assertTrue(OutputStamp.problems(notebook).get(0).contains("no msde-notebook stamp"));
    }
}
