package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aLinkedTargetStaysALinkAndItsFileGetsTheNewContent(@TempDir Path dir) throws IOException {
        Path notebook = Files.writeString(Files.createDirectories(dir.resolve("project")).resolve("01.ipynb"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("01.ipynb"), Path.of("project/01.ipynb"));

        AtomicFiles.writeString(link, "new");

        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals("new", Files.readString(notebook));
        try (var files = Files.list(dir.resolve("project"))) {
            assertEquals(1, files.count(), "no temporary file left beside the linked file");
        }
    }

    @Test
    void aNewFileAndItsFoldersAreCreated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/results.csv");
        AtomicFiles.writeString(file, "x,y\n");
        assertEquals("x,y\n", Files.readString(file));
    }
}
