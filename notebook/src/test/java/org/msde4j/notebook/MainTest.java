package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path folder;

    private final TestNotebooks.Console out = new TestNotebooks.Console();
    private final TestNotebooks.Console err = new TestNotebooks.Console();

    @Test
    void helpDescribesTheCommandAndEveryOption() {
        assertEquals(0, Main.execute(out.stream, err.stream, "--help"));
        assertTrue(out.text().contains("Usage: msde-notebook"), out.text());
        assertTrue(out.text().contains("run"), out.text());

        assertEquals(0, Main.execute(out.stream, err.stream, "run", "--help"));
        assertEquals("", err.text(), "no picocli warnings");
        for (String option : new String[] {"NOTEBOOK...", "--in-place", "--out=DIR", "--timeout=SECONDS",
                "--allow-errors", "--offline", "--vm-option=OPTION", "%maven G:A", "%classpath GLOB", "%jars GLOB",
                "display(obj"}) {
            assertTrue(out.text().contains(option), option + " missing in:\n" + out.text());
        }
    }

    @Test
    void aBadCommandLineExitsWithTwoAndSaysWhy() {
        assertEquals(2, Main.execute(out.stream, err.stream, "run"));
        assertTrue(err.text().contains("Missing required parameter: 'NOTEBOOK'"), err.text());

        assertEquals(2, Main.execute(out.stream, err.stream, "run", "a.ipynb", "--in-place", "--out", "x"));
        assertTrue(err.text().contains("mutually exclusive"), err.text());

        assertEquals(2, Main.execute(out.stream, err.stream, "run", "a/n.ipynb", "b/n.ipynb", "--out", "x"));
        assertTrue(err.text().contains("two notebooks are named n.ipynb"), err.text());
    }

    @Test
    void aNotebookThatIsNotJsonFailsTheRunWithItsName() throws Exception {
        Path broken = Files.writeString(folder.resolve("broken.ipynb"), "not json");

        assertEquals(1, Main.execute(out.stream, err.stream, "run", broken.toString()));

        assertTrue(err.text().startsWith(broken + " is not valid JSON"), err.text());
        assertTrue(out.text().contains("0 of 1 notebooks ran"), out.text());
    }

    @Test
    void runsANotebookWithVmOptionsAndPrintsTheTimeOfEachCell() throws Exception {
        Path notebook = TestNotebooks.write(folder, "props.ipynb",
                "String greeting = System.getProperty(\"greeting\");", "greeting + \"!\"");
        Path outFolder = folder.resolve("executed");

        int exit = Main.execute(out.stream, err.stream, "run", notebook.toString(), "--out", outFolder.toString(),
                "--vm-option=-Dgreeting=hello", "--timeout", "120");

        assertEquals(0, exit, err.text());
        String printed = out.text();
        assertTrue(Pattern.compile("cell 2 \\(`String greeting = [^`]*`\\) +In\\[1] +\\d+\\.\\d\\d s").matcher(printed).find(),
                printed);
        assertTrue(Pattern.compile("cell 3 \\(`greeting \\+ \"!\"`\\) +In\\[2] +\\d+\\.\\d\\d s").matcher(printed).find(),
                printed);
        assertTrue(printed.contains("ran in "), printed);
        assertTrue(printed.contains("written to " + outFolder.resolve("props.ipynb")), printed);
        assertTrue(printed.contains("1 of 1 notebooks ran"), printed);
        assertTrue(Files.readString(outFolder.resolve("props.ipynb")).contains("\"hello!\""));
        assertFalse(Files.readString(notebook).contains("hello!"), "--out leaves the source notebook alone");
    }

    @Test
    void checkAcceptsWhatTheRunnerWroteAndNamesTheCellsChangedSince() throws Exception {
        Path notebook = TestNotebooks.write(folder, "stamped.ipynb", "int x = 6 * 7;", "System.out.println(x);");
        assertEquals(1, Main.execute(out.stream, err.stream, "check", notebook.toString()));
        assertTrue(err.text().contains("no msde-notebook stamp"), err.text());

        assertEquals(0, Main.execute(out.stream, err.stream, "run", notebook.toString(), "--in-place"), err.text());
        assertEquals(0, Main.execute(out.stream, err.stream, "check", notebook.toString()), err.text());
        assertTrue(out.text().contains(notebook + ": ok"), out.text());

        Files.writeString(notebook, Files.readString(notebook).replace("\"42\\n\"", "\"43\\n\""));
        assertEquals(1, Main.execute(out.stream, err.stream, "check", notebook.toString()));
        assertTrue(err.text().contains("cell 3 (`System.out.println(x);`): its code or outputs changed after the runner "
                + "wrote them"), err.text());
        assertTrue(err.text().contains("Run it again: msde-notebook run " + notebook + " --in-place"), err.text());
    }

    @Test
    void outNeverReplacesAnEarlierFileOfTheSameName() throws Exception {
        Path notebook = TestNotebooks.write(folder, "kept.ipynb", "int x = 1;");
        Path outFolder = Files.createDirectories(folder.resolve("earlier"));
        Path earlier = Files.writeString(outFolder.resolve("kept.ipynb"), "an earlier run's notebook");

        assertEquals(2, Main.execute(out.stream, err.stream, "run", notebook.toString(), "--out", outFolder.toString()));

        assertTrue(err.text().contains(earlier + " already exists (an earlier run's output?) and --out never replaces a file"),
                err.text());
        assertEquals("an earlier run's notebook", Files.readString(earlier));
    }
}
