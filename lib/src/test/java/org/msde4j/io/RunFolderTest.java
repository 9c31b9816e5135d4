package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aCommittedRunReplacesTheEarlierOneWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        try (RunFolder run = RunFolder.begin(out)) {
            AtomicFiles.writeString(run.file("a.txt"), "first");
            AtomicFiles.writeString(run.file("old-only.txt"), "x");
            run.commit();
        }
        try (RunFolder run = RunFolder.begin(out)) {
            AtomicFiles.writeString(run.file("a.txt"), "second");
            assertEquals("first", Files.readString(out.resolve("a.txt")), "nothing visible before commit");
            run.commit();
        }
        assertEquals("second", Files.readString(out.resolve("a.txt")));
        assertFalse(Files.exists(out.resolve("old-only.txt")), "no mix of two runs");
        assertEquals(1, entries(dir), "no staging or backup folders left");
    }

    @Test
    void aFailedRunLeavesTheEarlierRunIntact(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        try (RunFolder run = RunFolder.begin(out)) {
            AtomicFiles.writeString(run.file("model.msde"), "good");
            run.commit();
        }
        assertThrows(IllegalStateException.class, () -> {
            try (RunFolder run = RunFolder.begin(out)) {
                AtomicFiles.writeString(run.file("model.msde"), "half");
                throw new IllegalStateException("killed mid-way (simulated)");
            }
        });
        assertEquals("good", Files.readString(out.resolve("model.msde")));
        assertEquals(1, entries(dir));
    }

    @Test
    void aKilledRunsStagingIsCleanedByTheNextRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path stale = dir.resolve(".run.partial-killed");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("x"), "half");
        try (RunFolder run = RunFolder.begin(out)) {
            run.commit();
        }
        assertFalse(Files.exists(stale));
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
}
