package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static final OutputRules OVERWRITE = new OutputRules(true, List.of());

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void run(Path out, OutputRules rules, String... files) throws IOException {
        try (RunFolder run = RunFolder.begin(out, rules)) {
            for (String f : files) {
                AtomicFiles.writeString(run.file(f), "run " + f);
            }
            run.commit();
        }
    }

    @Test
    void anOverwritingRunReplacesTheEarlierRunsFilesAndNothingElse(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        run(out, OutputRules.NEW_FOLDER, "a.txt", "old-only.txt", "sub/b.txt");
        Files.writeString(out.resolve("notes.txt"), "mine");
        try (RunFolder run = RunFolder.begin(out, OVERWRITE)) {
            AtomicFiles.writeString(run.file("a.txt"), "second");
            assertEquals("run a.txt", Files.readString(out.resolve("a.txt")), "nothing visible before commit");
            run.commit();
        }
        assertEquals("second", Files.readString(out.resolve("a.txt")));
        assertFalse(Files.exists(out.resolve("old-only.txt")), "no mix of two runs");
        assertFalse(Files.exists(out.resolve("sub")), "a folder the earlier run made and left empty goes too");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "a file msde4j did not write is kept");
        assertEquals(1, entries(dir), "no staging or backup folders left");
    }

    @Test
    void anEarlierRunIsReplacedOnlyWhenAskedTo(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        run(out, OutputRules.NEW_FOLDER, "model.msde");
        IOException e = assertThrows(IOException.class, () -> RunFolder.begin(out, OutputRules.NEW_FOLDER));
        assertTrue(e.getMessage().contains("holds an earlier msde4j run: pass --overwrite"), e.getMessage());
        assertEquals("run model.msde", Files.readString(out.resolve("model.msde")));
    }

    @Test
    void aFolderMsde4jDidNotWriteIsNeverUsed(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        Files.writeString(images.resolve("scan.png"), "pixels");
        for (OutputRules rules : List.of(OutputRules.NEW_FOLDER, OVERWRITE)) {
            IOException e = assertThrows(IOException.class, () -> RunFolder.begin(images, rules));
            assertTrue(e.getMessage().contains("was not written by msde4j"), e.getMessage());
        }
        assertEquals(List.of(images.resolve("scan.png")), Files.list(images).toList());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        run(empty, OutputRules.NEW_FOLDER, "a.txt");
        assertEquals("run a.txt", Files.readString(empty.resolve("a.txt")), "an empty folder is fine");
    }

    @Test
    void aRunFolderWrittenBeforeTheMarkerIsRecognisedOnlyWhenItHoldsNothingElse(@TempDir Path dir) throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.writeString(old.resolve("run.json"), "{\"versions\": {\"msde4j\": \"0.1.0-SNAPSHOT\"}}");
        Files.writeString(old.resolve("results.csv"), "old");
        IOException e = assertThrows(IOException.class, () -> run(old, OutputRules.NEW_FOLDER, "results.csv"));
        assertTrue(e.getMessage().contains("holds an earlier msde4j run"), e.getMessage());
        run(old, OVERWRITE, "results.csv");
        assertEquals("run results.csv", Files.readString(old.resolve("results.csv")));
        assertFalse(Files.exists(old.resolve("run.json")), "the earlier run's own files are replaced or removed");

        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.writeString(mixed.resolve("run.json"), "{\"versions\": {\"msde4j\": \"0.1.0-SNAPSHOT\"}}");
        Files.writeString(mixed.resolve("my-notes.txt"), "mine");
        e = assertThrows(IOException.class, () -> run(mixed, OVERWRITE, "results.csv"));
        assertTrue(e.getMessage().contains("was not written by msde4j"), e.getMessage());
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("run.json"), "{\"tool\": \"something else\"}");
        e = assertThrows(IOException.class, () -> run(foreign, OVERWRITE, "results.csv"));
        assertTrue(e.getMessage().contains("was not written by msde4j"), e.getMessage());
    }

    @Test
    void aFileTheUserChangedOrAddedUnderTheSameNameIsNotReplaced(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        run(out, OutputRules.NEW_FOLDER, "results.md");
        Files.writeString(out.resolve("results.md"), "my edits");
        Files.setLastModifiedTime(out.resolve("results.md"), FileTime.fromMillis(1_000));
        IOException e = assertThrows(IOException.class, () -> run(out, OVERWRITE, "results.md"));
        assertTrue(e.getMessage().contains("[results.md] changed after msde4j wrote it"), e.getMessage());
        assertEquals("my edits", Files.readString(out.resolve("results.md")));

        Path other = dir.resolve("other");
        run(other, OutputRules.NEW_FOLDER, "a.txt");
        Files.writeString(other.resolve("report.html"), "mine");
        e = assertThrows(IOException.class, () -> run(other, OVERWRITE, "a.txt", "report.html"));
        assertTrue(e.getMessage().contains("[report.html], which msde4j did not write"), e.getMessage());
        assertEquals("mine", Files.readString(other.resolve("report.html")));
        assertEquals("run a.txt", Files.readString(other.resolve("a.txt")), "refused before anything moved");
    }

    @Test
    void theOutputMayNotOverlapAnInputTheHomeFolderOrTheCheckout(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/normal"));
        Path model = Files.writeString(Files.createDirectories(dir.resolve("models")).resolve("model.msde"), "m");
        OutputRules rules = new OutputRules(true, List.of(data.getParent(), model));
        assertRefused(data.getParent(), rules, "is an input of this run");
        assertRefused(dir, rules, "contains an input of this run");
        assertRefused(data.resolve("runs"), rules, "lies inside the input folder");
        assertRefused(model.getParent(), rules, "contains an input of this run");
        assertRefused(Path.of(System.getProperty("user.home")), OutputRules.NEW_FOLDER, "is your home folder");
        assertRefused(Path.of("/"), OutputRules.NEW_FOLDER, "contains your home folder");
        assertRefused(dir.resolve("repo/.git/x"), OutputRules.NEW_FOLDER, "inside a .git folder");
        String before = System.getProperty("msde4j.checkout");
        System.setProperty("msde4j.checkout", dir.resolve("checkout").toString());
        try {
            assertRefused(dir.resolve("checkout/../checkout"), OutputRules.NEW_FOLDER, "is the msde4j checkout");
            run(dir.resolve("checkout/runs/x"), OutputRules.NEW_FOLDER, "a.txt");
        } finally {
            if (before == null) {
                System.clearProperty("msde4j.checkout");
            } else {
                System.setProperty("msde4j.checkout", before);
            }
        }
        run(dir.resolve("fresh"), rules, "a.txt");
    }

    private static void assertRefused(Path out, OutputRules rules, String why) {
        IOException e = assertThrows(IOException.class, () -> RunFolder.begin(out, rules));
        assertTrue(e.getMessage().contains(why) && e.getMessage().contains("Choose another --out"), e.getMessage());
    }

    @Test
    void aFailedRunLeavesTheEarlierRunIntact(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        run(out, OutputRules.NEW_FOLDER, "model.msde");
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.begin(out, OVERWRITE)) {
                AtomicFiles.writeString(run.file("model.msde"), "half");
                throw new IllegalStateException("killed mid-way (simulated)");
            }
        });
        assertEquals("run model.msde", Files.readString(out.resolve("model.msde")));
        assertEquals(1, entries(dir));
    }

    @Test
    void aKilledRunsStagingIsCleanedByTheNextRunButLookalikesAreNot(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path stale;
        try (RunFolder killed = RunFolder.begin(out)) {
            stale = killed.folder();
            AtomicFiles.writeString(killed.file("x"), "half");
            Path copy = dir.resolve(".run.partial-killed");
            Files.move(stale, copy);
            stale = copy;
        }
        Path lookalike = Files.createDirectories(dir.resolve(".run.partial-mine"));
        Files.writeString(lookalike.resolve("keep.txt"), "mine");
        run(out, OutputRules.NEW_FOLDER);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(lookalike.resolve("keep.txt")), "a folder without msde4j's marker is not msde4j's");
    }

    @Test
    void unwritableOutputIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "not a folder");
        IOException e = assertThrows(IOException.class, () -> RunFolder.begin(file));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
        e = assertThrows(IOException.class, () -> RunFolder.begin(file.resolve("sub")));
        assertTrue(e.getMessage().contains("choose a writable --out"), e.getMessage());
    }

    @Test
    void overwriteReplacesOnlyAFolderOfTheSameKind(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("synthetic-brain-mri");
        try (RunFolder dataset = RunFolder.begin(data, OutputRules.NEW_FOLDER, RunFolder.Kind.DATASET)) {
            AtomicFiles.writeString(dataset.file("train/normal/0.png"), "image");
            dataset.commit();
        }
        assertRefused(data, OVERWRITE, "holds a dataset msde4j installed, not an msde4j run: msde4j never replaces one "
                + "with the other, even with --overwrite");
        assertEquals("image", Files.readString(data.resolve("train/normal/0.png")));

        try (RunFolder again = RunFolder.begin(data, OVERWRITE, RunFolder.Kind.DATASET)) {
            AtomicFiles.writeString(again.file("train/normal/0.png"), "image again");
            again.commit();
        }
        assertEquals("image again", Files.readString(data.resolve("train/normal/0.png")), "a dataset replaces a dataset");

        Path old = dir.resolve("old-run");
        run(old, OutputRules.NEW_FOLDER, "results.csv");
        Path marker = old.resolve(RunFolder.MARKER);
        Files.writeString(marker, Files.readString(marker).replaceFirst("\\s*\"kind\" : \"run\",", ""));
        assertFalse(Files.readString(marker).contains("kind"), "a marker from before kinds were recorded");
        run(old, OVERWRITE, "results.csv");
        assertEquals("run results.csv", Files.readString(old.resolve("results.csv")));
    }

    @Test
    void aMarkerListingAFileOutsideItsFolderIsRefusedAndNothingIsDeleted(@TempDir Path dir) throws IOException {
        Path outside = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path out = dir.resolve("run");
        run(out, OutputRules.NEW_FOLDER, "results.csv");
        // A damaged marker lists a file outside the folder, with that file's very size and time.
        Path marker = out.resolve(RunFolder.MARKER);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(marker.toFile());
        ((ArrayNode) json.get("files")).addObject().put("path", "../notes.txt").put("size", Files.size(outside))
                .put("modified_ns", Files.getLastModifiedTime(outside).to(TimeUnit.NANOSECONDS));
        Files.writeString(marker, json.toString());
        assertRefused(out, OVERWRITE, "lists \"../notes.txt\", which is not a file inside");
        assertEquals("mine", Files.readString(outside));
    }

    @Test
    void anUnusedNameSkipsFinishedAndRunningRuns(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("runs/eval-20261202-151700");
        assertEquals(base, RunFolder.unused(base), "nothing there yet, not even the parent");
        run(base, OutputRules.NEW_FOLDER, "results.csv");
        assertEquals(dir.resolve("runs/eval-20261202-151700-2"), RunFolder.unused(base), "a finished run");
        try (RunFolder running = RunFolder.begin(dir.resolve("runs/eval-20261202-151700-2"))) {
            assertEquals(dir.resolve("runs/eval-20261202-151700-3"), RunFolder.unused(base), "a run still writing");
        }
        assertEquals(dir.resolve("runs/eval-20261202-151700-2"), RunFolder.unused(base), "that run ended without output");
    }

    @Test
    void twoRunsIntoTheSameFolderAtOnceNeverRemoveEachOthersFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        try (RunFolder first = RunFolder.begin(out)) {
            AtomicFiles.writeString(first.file("scores.csv"), "first");
            try (RunFolder second = RunFolder.begin(out)) {
                AtomicFiles.writeString(second.file("scores.csv"), "second");
                AtomicFiles.writeString(first.file("maps/1.png"), "first");
                first.commit();
                IOException refused = assertThrows(IOException.class, second::commit);
                assertTrue(refused.getMessage().contains("holds an earlier msde4j run: pass --overwrite"), refused.getMessage());
            }
        }
        assertEquals("first", Files.readString(out.resolve("scores.csv")));
        assertEquals("first", Files.readString(out.resolve("maps/1.png")));
        assertEquals(1, entries(dir), "no staging folder or lock is left behind");
    }

    @Test
    void aLiveRunInAnotherProcessKeepsItsStagingUntilThatProcessEnds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LiveRun.class.getName(), out.toString()).start();
        try {
            Path staging = Path.of(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine());
            try (RunFolder run = RunFolder.begin(out)) {
                assertTrue(Files.isRegularFile(staging.resolve("scores.csv")), "the other process's run is live");
            }
            other.destroyForcibly().waitFor();
            run(out, OutputRules.NEW_FOLDER, "scores.csv");
            assertFalse(Files.exists(staging), "the killed process's staging folder is removed by the next run");
            assertEquals(List.of(), leftovers(dir), "nor its lock");
        } finally {
            other.destroyForcibly();
        }
    }

    /** Hidden entries of {@code dir}: staging folders and their locks. */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    /** Another process's run: begins a run into args[0], writes a file, prints its staging folder and waits. */
    static final class LiveRun {
        public static void main(String[] args) throws Exception {
            RunFolder run = RunFolder.begin(Path.of(args[0]));
            AtomicFiles.writeString(run.file("scores.csv"), "live");
            System.out.println(run.folder());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
