package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model files of every earlier format, kept in test resources, still load and score as they did. */
class ModelFileCompatibilityTest {

    @ParameterizedTest
    @ValueSource(ints = {1})
    void earlierFormatsStillLoadAndScore(int format, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.msde");
        try (InputStream in = getClass().getResourceAsStream("model-format" + format + ".msde")) {
            assertTrue(in != null, "fixture of format " + format + " is missing");
            Files.copy(in, file);
        }
        double[] expected;
        try (InputStream in = getClass().getResourceAsStream("model-format" + format + ".scores")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().mapToDouble(Double::parseDouble)
                    .toArray();
        }
        MsdeModel model = MsdeModel.load(file);
        assertEquals("format", model.metadata().get("fixture"));
        assertArrayEquals(expected, model.score(ModelFileFixtureWriter.probeRows(), ScoringMode.INDUCTIVE).scores(),
                1e-12);
    }
}
