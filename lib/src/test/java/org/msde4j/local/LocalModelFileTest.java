package org.msde4j.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.testing.Synthetic;

class LocalModelFileTest {

    @TempDir
    Path dir;

    @Test
    void everyKindRoundTripsAndScoresTheSame() throws IOException {
        for (LocalDetector d : LocalModelFileFixtureWriter.detectors()) {
            LocalModel model = d.fit(LocalModelFileFixtureWriter.train()).withMetadata(Map.of("backbone", "ssl:x"));
            Path file = dir.resolve(model.kind() + ".msde");
            model.save(file);
            assertTrue(LocalModelFile.isLocalModel(file));
            LocalModel back = LocalModel.load(file);
            assertEquals(model.getClass(), back.getClass());
            assertEquals("ssl:x", back.metadata().get("backbone"));
            assertEquals(model.threshold(), back.threshold());
            assertArrayEquals(model.score(LocalModelFileFixtureWriter.probe()).scores(),
                    back.score(LocalModelFileFixtureWriter.probe()).scores(), 0, model.kind());
            if (model instanceof PatchMsdeModel m) {
                assertArrayEquals(m.scoreTransductive(LocalModelFileFixtureWriter.probe()).scores(),
                        ((PatchMsdeModel) back).scoreTransductive(LocalModelFileFixtureWriter.probe()).scores(), 0);
            }
        }
    }

    /** Files of every earlier format, kept in test resources, still load and score as they did. */
    @ParameterizedTest
    @ValueSource(strings = {"patchcore", "padim", "patch-msde"})
    void earlierFormatsStillLoadAndScore(String kind) throws IOException {
        for (int format = 1; format <= LocalModelFile.FORMAT; format++) {
            String name = LocalModelFileFixtureWriter.name(kind, format);
            Path file = dir.resolve(name + ".msde");
            try (InputStream in = getClass().getResourceAsStream(name + ".msde")) {
                assertTrue(in != null, "fixture " + name + " is missing");
                Files.copy(in, file);
            }
            double[] expected;
            try (InputStream in = getClass().getResourceAsStream(name + ".scores")) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().mapToDouble(Double::parseDouble)
                        .toArray();
            }
            LocalModel model = LocalModel.load(file);
            assertEquals("format", model.metadata().get("fixture"));
            assertArrayEquals(expected, model.score(LocalModelFileFixtureWriter.probe()).scores(), 1e-12, name);
        }
    }

    @Test
    void damagedForeignAndNewerFilesAreRefusedClearly() throws IOException {
        Path file = dir.resolve("m.msde");
        PatchCore.defaults().withCoresetShare(0.5).fit(LocalModelFileFixtureWriter.train()).save(file);
        byte[] good = Files.readAllBytes(file);

        byte[] corrupt = good.clone();
        corrupt[corrupt.length - 20] ^= 1;
        Files.write(file, corrupt);
        assertTrue(message(file).contains("is corrupted: its checksum does not match"), message(file));

        Files.write(file, Arrays.copyOf(good, good.length - 30));
        assertTrue(message(file).contains("is truncated"), message(file));

        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(8, LocalModelFile.FORMAT + 1);
        Files.write(file, newer);
        assertTrue(message(file).contains("in msde4j local model format " + (LocalModelFile.FORMAT + 1))
                && message(file).contains("upgrade msde4j"), message(file));

        Path global = dir.resolve("global.msde");
        MsdeDetector.fit(Synthetic.normals(60, 3, 0, 1), DetectorOptions.defaults()).save(global);
        assertFalse(LocalModelFile.isLocalModel(global), "an image-level model file is told apart by its signature");
        assertTrue(message(global).contains("is not an msde4j local model file"), message(global));
    }

    private static String message(Path file) {
        return assertThrows(IOException.class, () -> LocalModel.load(file)).getMessage();
    }
}
