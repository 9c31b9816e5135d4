package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    @TempDir
    Path folder;

    @Test
    void aFileThatIsNotJsonIsRefusedWithItsNameAndPosition() throws Exception {
        Path path = folder.resolve("broken.ipynb");
        Files.writeString(path, "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n");

        NotebookException e = assertThrows(NotebookException.class, () -> Notebook.read(path));

        assertTrue(e.getMessage().startsWith(path + " is not valid JSON (line 3, column"), e.getMessage());
        assertTrue(e.getMessage().contains("restore it from version control"), e.getMessage());
    }

    @Test
    void otherFilesAreRefusedWithWhatToDo() throws Exception {
        Path missing = folder.resolve("missing.ipynb");
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.read(missing)).getMessage()
                .startsWith(missing + ": no such file"));

        Path binary = Files.write(folder.resolve("image.ipynb"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff});
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.read(binary)).getMessage()
                .contains("is not UTF-8 text"));

        Path v3 = Files.writeString(folder.resolve("old.ipynb"), "{\"nbformat\": 3, \"worksheets\": []}");
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.read(v3)).getMessage()
                .contains("is nbformat 3, but the runner reads nbformat 4 only"));

        Path array = Files.writeString(folder.resolve("array.ipynb"), "[1, 2]");
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.read(array)).getMessage()
                .contains("is JSON but not a notebook"));
    }

    @Test
    void aNotebookThatBreaksTheSchemaIsRefusedWithTheFieldsAtFault() throws Exception {
        Path path = TestNotebooks.write(folder, "invalid.ipynb", "int x = 1;");
        ObjectNode json = (ObjectNode) TestNotebooks.read(path);
        ((ObjectNode) json.get("cells").get(1)).remove("outputs");
        Files.writeString(path, NotebookJson.format(json));

        NotebookException e = assertThrows(NotebookException.class, () -> Notebook.read(path));

        assertTrue(e.getMessage().startsWith(path + " does not follow the nbformat 4.5 schema"), e.getMessage());
        assertTrue(e.getMessage().contains("/cells/1: "), e.getMessage());
        assertTrue(e.getMessage().contains("outputs"), e.getMessage());
    }

    @Test
    void readingUpgradesToNbformat45WithReproducibleCellIds() throws Exception {
        Path path = TestNotebooks.write(folder, "old-minor.ipynb", "int x = 1;", "x");

        Notebook notebook = Notebook.read(path);

        assertEquals(List.of(new Notebook.Cell(1, "markdown", "# A test notebook\nwith *markdown*"),
                new Notebook.Cell(2, "code", "int x = 1;"), new Notebook.Cell(3, "code", "x")), notebook.cells());
        JsonNode written = NotebookJson.MAPPER.readTree(notebook.toText());
        assertEquals(5, written.get("nbformat_minor").intValue());
        assertEquals(List.of("cell-1", "cell-2", "cell-3"),
                List.of(written.get("cells").get(0).get("id").asText(), written.get("cells").get(1).get("id").asText(),
                        written.get("cells").get(2).get("id").asText()));
        assertEquals(Files.readString(path).replace("\"nbformat_minor\": 4", "\"nbformat_minor\": 5")
                        .lines().filter(l -> !l.contains("\"id\"")).toList(),
                notebook.toText().lines().filter(l -> !l.contains("\"id\"")).toList(),
                "apart from the version and the ids, a notebook is written back as it was read");
    }

    @Test
    void outputsThatBreakTheSchemaAreNeverWritten() throws Exception {
        Notebook notebook = Notebook.read(TestNotebooks.write(folder, "n.ipynb", "1"));
        Notebook bad = notebook.withOutputs(Map.of(2, new Notebook.Execution(1,
                List.of(new Output.Stream("stdout", "ok\n"), new Output.Result(-1, Map.of("text/plain", "1"))))));
        Notebook good = notebook.withOutputs(Map.of(2, new Notebook.Execution(1,
                List.of(new Output.Result(1, Map.of("text/plain", "1"))))));

        assertTrue(good.toText().contains("\"execute_result\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, bad::toText);
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    }
}
