package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintsTest {

    @Test
    void anUnchangedFileIsNotReadAgainAndARewrittenOneIsEvenWithTheSameSizeAndTime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("scan.png"), "first content");
        Path index = dir.resolve("index.json");
        FileFingerprints first = FileFingerprints.open(index);
        assertEquals(Sha256.of("first content".getBytes(StandardCharsets.UTF_8)), first.sha256(file));
        assertEquals(13, first.hashedBytes());
        first.save();

        FileFingerprints again = FileFingerprints.open(index);
        again.sha256(file);
        assertEquals(0, again.hashedBytes(), "size and times unchanged: the remembered digest is used");

        FileTime time = Files.getLastModifiedTime(file);
        Thread.sleep(20);
        Files.writeString(file, "other content");
        Files.setLastModifiedTime(file, time);
        FileFingerprints later = FileFingerprints.open(index);
        String digest = later.sha256(file);
        assertEquals(13, later.hashedBytes(), "same size and modification time, but its status changed: read again");
        assertEquals(Sha256.of("other content".getBytes(StandardCharsets.UTF_8)), digest);
        assertNotEquals(first, later);
    }

    @Test
    void anUnreadableIndexIsAnEmptyOne(@TempDir Path dir) throws IOException {
        Path index = Files.writeString(dir.resolve("index.json"), "{ not json");
        Path file = Files.writeString(dir.resolve("a"), "abc");
        FileFingerprints f = FileFingerprints.open(index);
        assertEquals(Sha256.of("abc".getBytes(StandardCharsets.UTF_8)), f.sha256(file));
        assertEquals(3, f.hashedBytes());
    }
}
