package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.embed.PortableKernels;

/** Runs real notebooks, each in its own JVM (a few seconds each). */
class NotebookRunnerTest {

    private static final String PLOTLY = """
            <div id="roc" style="height:320px"></div>
            <script type="text/javascript">
              Plotly.newPlot('roc', [{x: [0, 0.5, 1], y: [0, 0.8, 1], mode: 'lines'}], {title: 'ROC'});
            </script>""";

    @TempDir
    Path folder;

    private final TestNotebooks.Console console = new TestNotebooks.Console();

    @Test
    void runsTheCellsInOrderAndWritesTheirOutputsAsValidNbformat() throws Exception {
        Files.writeString(folder.resolve("data.txt"), "read from the notebook's folder");
        Path path = TestNotebooks.write(folder, "rich.ipynb",
                "System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");\nSystem.out.println(\"é ✓\");",
                """
                display("<p>Hello <b>HTML</b></p>", "text/html");
                var image = new java.awt.image.BufferedImage(5, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
                image.setRGB(1, 2, 0xff0000);
                display(image);
                int shown = 2;""",
                "String plot = \"\"\"\n" + PLOTLY.replace("\\", "\\\\") + "\"\"\";\nString id = display(plot, \"text/html\");",
                "int x = 41;\nx + 1",
                "",
                "render(\"**bold**\", \"text/markdown\")",
                "String id = display(\"3 left\", \"text/html\");\nupdateDisplay(id, \"<b>liftoff</b>\", \"text/html\");",
                "new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"data.txt\")))",
                "int declaredOnly;\nprintf(\"%d items%n\", new ArrayList<>(List.of(1, 2)).size());");
        Path out = folder.resolve("out/rich.ipynb");

        NotebookRun run = new NotebookRunner(RunOptions.defaults(), console.stream).run(path, Optional.of(out));

        assertTrue(run.succeeded(), console.text());
        assertEquals(Optional.of(out), run.written());
        JsonNode notebook = TestNotebooks.read(out);
        assertEquals(List.of(), NotebookSchema.violations(notebook));
        assertEquals(5, notebook.get("nbformat_minor").intValue());
        assertEquals("# A test notebook\nwith *markdown*", NotebookJson.text(notebook.get("cells").get(0).get("source")));
        assertEquals("cell-1", notebook.get("cells").get(0).get("id").asText());

        List<JsonNode> streams = TestNotebooks.outputs(notebook, 2);
        assertEquals(List.of("stdout", "stderr", "stdout"), streams.stream().map(o -> o.get("name").asText()).toList());
        assertEquals(List.of("to stdout\n", "to stderr\n", "é ✓\n"),
                streams.stream().map(o -> NotebookJson.text(o.get("text"))).toList());

        List<JsonNode> displays = TestNotebooks.outputs(notebook, 3);
        assertEquals(2, displays.size());
        assertEquals("display_data", displays.get(0).get("output_type").asText());
        assertEquals("<p>Hello <b>HTML</b></p>", NotebookJson.text(displays.get(0).get("data").get("text/html")));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(displays.get(1).get("data").get("image/png").asText())));
        assertEquals(5, png.getWidth());
        assertEquals(0xff0000, png.getRGB(1, 2) & 0xffffff);

        JsonNode plotly = TestNotebooks.outputs(notebook, 4).get(0);
        assertEquals(PLOTLY, NotebookJson.text(plotly.get("data").get("text/html")));
        assertTrue(plotly.get("data").get("text/html").isArray(), "HTML is stored as lines, as Jupyter does");

        JsonNode result = TestNotebooks.outputs(notebook, 5).get(0);
        assertEquals("execute_result", result.get("output_type").asText());
        assertEquals("42", NotebookJson.text(result.get("data").get("text/plain")));
        assertEquals(4, result.get("execution_count").intValue());
        assertEquals(4, notebook.get("cells").get(4).get("execution_count").intValue());

        assertTrue(notebook.get("cells").get(5).get("execution_count").isNull(), "a blank cell is not run");
        assertEquals(List.of(), TestNotebooks.outputs(notebook, 6));

        JsonNode markdown = TestNotebooks.outputs(notebook, 7).get(0);
        assertEquals("**bold**", NotebookJson.text(markdown.get("data").get("text/markdown")));
        assertEquals(5, markdown.get("execution_count").intValue());

        List<JsonNode> updated = TestNotebooks.outputs(notebook, 8);
        assertEquals(1, updated.size());
        assertEquals("<b>liftoff</b>", NotebookJson.text(updated.get(0).get("data").get("text/html")));

        assertEquals("read from the notebook's folder",
                NotebookJson.text(TestNotebooks.outputs(notebook, 9).get(0).get("data").get("text/plain")));
        assertEquals("2 items\n", NotebookJson.text(TestNotebooks.outputs(notebook, 10).get(0).get("text")));

        assertEquals(8, run.cells().size());
        for (NotebookRun.CellTiming timing : run.cells()) {
            assertTrue(console.text().contains(timing.description()), console.text());
        }
        assertTrue(console.text().contains("In[8]"), console.text());
    }

    @Test
    void anExceptionStopsTheRunNamesTheCellAndLineAndLeavesTheFileAsItWas() throws Exception {
        Path path = TestNotebooks.write(folder, "throws.ipynb",
                "void boom() {\n    throw new IllegalStateException(\"boom in a method\");\n}",
                "int before = 1;\nboom();",
                "System.out.println(\"never\");");
        byte[] original = Files.readAllBytes(path);

        NotebookRun run = new NotebookRunner(RunOptions.defaults(), console.stream).run(path, Optional.of(path));

        assertFalse(run.completed());
        assertEquals(Optional.empty(), run.written());
        assertArrayEquals(original, Files.readAllBytes(path));
        assertEquals(2, run.cells().size(), "the cell after the failing one does not run");
        NotebookRun.CellError error = run.errors().get(0);
        assertEquals(3, error.cell());
        assertEquals("java.lang.IllegalStateException", error.ename());
        assertEquals("boom in a method", error.evalue());
        assertEquals(List.of("java.lang.IllegalStateException: boom in a method",
                "\tat boom(cell 2, line 2)", "\tat (cell 3, line 2)"), error.traceback());
        String message = error.message(path);
        assertTrue(message.startsWith(path + ": cell 3 (`int before = 1;`) failed: java.lang.IllegalStateException"),
                message);
        assertTrue(console.text().contains(message), console.text());
    }

    @Test
    void withErrorsAllowedEachFailureIsRecordedAndTheNextCellsRun() throws Exception {
        Path path = TestNotebooks.write(folder, "errors.ipynb",
                "int a = 1;\nint b = a + missing;",
                "Object o = null;\no.toString();",
                "for (int i = 0; i < 3; i++) {\n    System.out.println(i);",
                "%nonsense arg",
                "new com.fasterxml.jackson.databind.ObjectMapper()",
                "System.out.println(\"still running\");");

        NotebookRun run = new NotebookRunner(RunOptions.defaults().withAllowErrors(true), console.stream)
                .run(path, Optional.of(path));

        assertTrue(run.completed());
        assertEquals(List.of(2, 3, 4, 5, 6), run.errors().stream().map(NotebookRun.CellError::cell).toList());
        JsonNode notebook = TestNotebooks.read(path);
        assertEquals(List.of(), NotebookSchema.violations(notebook));

        JsonNode compile = TestNotebooks.outputs(notebook, 2).get(0);
        assertEquals("error", compile.get("output_type").asText());
        assertEquals("CompilationException", compile.get("ename").asText());
        assertEquals("cannot find symbol", compile.get("evalue").asText());
        assertEquals(List.of("cell 2, line 2: cannot find symbol", "  symbol:   variable missing",
                "    int b = a + missing;", "                ^"),
                TestNotebooks.strings(compile.get("traceback")));

        JsonNode npe = TestNotebooks.outputs(notebook, 3).get(0);
        assertEquals("java.lang.NullPointerException", npe.get("ename").asText());
        assertTrue(npe.get("traceback").toString().contains("(cell 3, line 2)"), npe.toString());

        JsonNode incomplete = TestNotebooks.outputs(notebook, 4).get(0);
        assertEquals("IncompleteSourceException", incomplete.get("ename").asText());
        assertTrue(incomplete.get("traceback").get(0).asText().startsWith("cell 4, line 1: "), incomplete.toString());

        JsonNode magic = TestNotebooks.outputs(notebook, 5).get(0);
        assertEquals("UndefinedMagicException", magic.get("ename").asText());
        assertTrue(magic.get("evalue").asText().startsWith("%nonsense is not a magic the runner knows"), magic.toString());
        assertTrue(console.text().contains(path + ": cell 5 (`%nonsense arg`) failed: UndefinedMagicException"),
                console.text());

        JsonNode runnerLibrary = TestNotebooks.outputs(notebook, 6).get(0);
        assertEquals("package com.fasterxml.jackson.databind does not exist", runnerLibrary.get("evalue").asText(),
                "the runner's own libraries are not on the notebook's class path");

        assertEquals("still running\n", NotebookJson.text(TestNotebooks.outputs(notebook, 7).get(0).get("text")));
        assertEquals(6, notebook.get("cells").get(6).get("execution_count").intValue());
    }

    @Test
    void mavenClasspathAndJarsMagicsAddToTheClassPath() throws Exception {
        CompiledClasses.write(folder.resolve("classes"), "demo.Hello", "package demo; public class Hello {"
                + " public String greet() { return \"hello from a class folder\"; } }");
        CompiledClasses.jar(folder.resolve("lib/hi.jar"), "demo2.Hi", "package demo2; public class Hi {"
                + " public static String hi() { return \"hi from a jar\"; } }");
        Path path = TestNotebooks.write(folder, "magics.ipynb",
                "%maven info.picocli:picocli:4.7.7\npicocli.CommandLine.VERSION",
                "%classpath classes\nnew demo.Hello().greet()",
                "%jars lib/*.jar\ndemo2.Hi.hi()");

        NotebookRun run = new NotebookRunner(RunOptions.defaults().withOffline(true), console.stream)
                .run(path, Optional.of(path));

        assertTrue(run.succeeded(), console.text());
        JsonNode notebook = TestNotebooks.read(path);
        assertEquals("4.7.7", NotebookJson.text(TestNotebooks.outputs(notebook, 2).get(0).get("data").get("text/plain")));
        assertEquals("hello from a class folder",
                NotebookJson.text(TestNotebooks.outputs(notebook, 3).get(0).get("data").get("text/plain")));
        assertEquals("hi from a jar",
                NotebookJson.text(TestNotebooks.outputs(notebook, 4).get(0).get("data").get("text/plain")));
    }

    @Test
    void aCellThatRunsPastTheTimeoutIsStoppedAndEndsTheRun() throws Exception {
        Path path = TestNotebooks.write(folder, "slow.ipynb",
                "Thread.sleep(120_000);",
                "System.out.println(\"never\");");
        long start = System.nanoTime();

        NotebookRun run = new NotebookRunner(RunOptions.defaults().withCellTimeout(Duration.ofSeconds(2))
                .withAllowErrors(true), console.stream).run(path, Optional.of(path));

        assertTrue((System.nanoTime() - start) / 1e9 < 60, "the runner stopped the cell");
        assertFalse(run.completed());
        assertEquals(Optional.empty(), run.written());
        assertEquals("EvaluationTimeoutException", run.errors().get(0).ename());
        assertTrue(run.errors().get(0).evalue().contains("did not finish within 2 s"), run.errors().get(0).evalue());
    }

    @Test
    void systemExitInACellEndsTheRunWithAMessage() throws Exception {
        Path path = TestNotebooks.write(folder, "exit.ipynb", "System.exit(3);", "System.out.println(\"never\");");

        NotebookRun run = new NotebookRunner(RunOptions.defaults(), console.stream).run(path, Optional.empty());

        assertFalse(run.completed());
        assertEquals(1, run.cells().size());
        assertEquals("JvmEndedException", run.errors().get(0).ename());
        assertTrue(run.errors().get(0).evalue().contains("System.exit"), run.errors().get(0).evalue());
    }

    @Test
    void theNotebooksJvmRunsLibtorchWithPortableKernelsUnlessTheUserChoseOthers() throws Exception {
        Path path = TestNotebooks.write(folder, "kernels.ipynb",
                "System.out.println(System.getenv(\"ATEN_CPU_CAPABILITY\") + \" \" + System.getenv(\"DNNL_MAX_CPU_ISA\") + \" \""
                        + " + System.getenv(\"MKL_CBWR\"));");

        NotebookRun run = new NotebookRunner(RunOptions.defaults(), console.stream).run(path, Optional.of(path));

        assertTrue(run.succeeded(), console.text());
        String expected = String.join(" ", List.of("ATEN_CPU_CAPABILITY", "DNNL_MAX_CPU_ISA", "MKL_CBWR").stream()
                .map(name -> System.getenv().getOrDefault(name, PortableKernels.PINS.get(name))).toList());
        assertEquals(expected + "\n", NotebookJson.text(TestNotebooks.outputs(TestNotebooks.read(path), 2).get(0).get("text")));
    }

    @Test
    void aPortableKernelPinNeverReplacesAValueTheUserSet() {
        Map<String, String> environment = new HashMap<>(Map.of("ATEN_CPU_CAPABILITY", "avx2", "PATH", "/bin"));

        PortableKernels.pinUnlessSet(environment);

        assertEquals(Map.of("ATEN_CPU_CAPABILITY", "avx2", "PATH", "/bin", "DNNL_MAX_CPU_ISA", "SSE41",
                "MKL_CBWR", "COMPATIBLE"), environment);
    }

    @Test
    void aNotebookSavedElsewhereWhileItRanIsLeftAsItIsAndTheRunFails() throws Exception {
        String saved = Files.readString(TestNotebooks.write(folder, "saved.ipynb", "int x = 2; // saved from JupyterLab"));
        // The cell stands in for the user who saves the notebook from JupyterLab while it runs.
        Path path = TestNotebooks.write(folder, "edited.ipynb", "java.nio.file.Files.copy(java.nio.file.Path.of(\"saved.ipynb\"), "
                + "java.nio.file.Path.of(\"edited.ipynb\"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);");

        NotebookException refused = assertThrows(NotebookException.class,
                () -> new NotebookRunner(RunOptions.defaults(), console.stream).run(path, Optional.of(path)));

        assertTrue(refused.getMessage().contains(path + " changed while the notebook ran"), refused.getMessage());
        assertEquals(saved, Files.readString(path), "the version saved meanwhile is kept");
    }
}
