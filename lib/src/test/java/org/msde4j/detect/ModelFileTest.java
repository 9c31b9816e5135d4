package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.io.AtomicFiles;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

class ModelFileTest {

    private static MsdeModel model;
    private static double[][] test;

    @BeforeAll
    static void fit() {
        model = MsdeDetector.fit(Synthetic.normals(150, 8, 0, 1), DetectorOptions.defaults()
                .withMsde(MsdeOptions.defaults().withK(15).withTau(25))).withMetadata(Map.of("backbone", "pixels-28"));
        test = Synthetic.normals(12, 8, 0.5, 2);
    }

    private static String failure(Path file) {
        return assertThrows(IOException.class, () -> MsdeModel.load(file)).getMessage();
    }

    @Test
    void roundTripKeepsEverythingNeededToScore(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        model.save(file);
        MsdeModel loaded = MsdeModel.load(file);
        assertArrayEquals(model.score(test), loaded.score(test), 0.0, "INDUCTIVE");
        assertArrayEquals(model.scoreTransductive(test).scores(), loaded.scoreTransductive(test).scores(), 0.0,
                "TRANSDUCTIVE");
        assertEquals(model.threshold(), loaded.threshold(), 0.0);
        assertEquals(model.options(), loaded.options());
        assertEquals("pixels-28", loaded.metadata().get("backbone"));
        assertEquals(model.summary().rows(), loaded.summary().rows());
        assertArrayEquals(model.trainScores(), loaded.trainScores(), 0.0);
        assertArrayEquals(model.thresholds().foldOf(), loaded.thresholds().foldOf(), "the fold of each training row");
        assertArrayEquals(model.thresholds().inductive(), loaded.thresholds().inductive(), 0.0);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void truncatedFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        model.save(file);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        String m = failure(file);
        assertTrue(m.contains("truncated") && m.contains(file.toString()), m);
        Files.write(file, Arrays.copyOf(all, 10));
        m = failure(file);
        assertTrue(m.contains("truncated"), m);
        Files.write(file, Arrays.copyOf(all, 8));
        m = failure(file);
        assertTrue(m.contains("truncated"), "cut right after the 8-byte signature: " + m);
    }

    @Test
    void corruptedFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        model.save(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = raf.length() / 2;
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x5a);
        }
        String m = failure(file);
        assertTrue(m.contains("corrupted") && m.contains("checksum"), m);
    }

    @Test
    void newerFormatIsRefusedWithAnUpgradeHint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        model.save(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(8);
            raf.writeInt(ModelFile.FORMAT + 1);
        }
        String m = failure(file);
        assertTrue(m.contains("model format " + (ModelFile.FORMAT + 1)) && m.contains("upgrade msde4j"), m);
    }

    @Test
    void aFolderStandsForTheModelFileInIt(@TempDir Path dir) throws IOException {
        model.save(dir.resolve(ModelFile.NAME));
        assertArrayEquals(model.score(test), MsdeModel.load(dir).score(test), 0.0);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String m = failure(empty);
        assertTrue(m.contains("is a folder without a model.msde in it"), m);
    }

    @Test
    void foreignAndMissingFilesAreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a model");
        assertTrue(failure(file).contains("not an msde4j model file"));
        assertTrue(failure(dir.resolve("absent.msde")).contains("does not exist"));
    }

    @Test
    void aFailedSaveLeavesTheEarlierFileIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        model.save(file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file was removed");
        }
    }

    @Test
    void unwritableFolderIsReportedClearly(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a folder");
        IOException e = assertThrows(IOException.class, () -> model.save(blocker.resolve("model.msde")));
        assertTrue(e.getMessage().contains("cannot create folder"), e.getMessage());
    }
}
