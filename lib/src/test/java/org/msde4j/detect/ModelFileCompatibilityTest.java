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
import org.msde4j.math.Quantiles;

/** Model files of every earlier format, kept in test resources, still load and score as they did. */
class ModelFileCompatibilityTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
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
        assertArrayEquals(expected, model.score(ModelFileFixtureWriter.probeRows()),
                1e-12);
        Thresholds t = model.thresholds();
        if (format == 1) {
            assertEquals(0, t.folds(), "format 1 stored one in-sample threshold");
            assertEquals(Quantiles.of(model.trainScores(), 0.95), model.threshold(), 0.0);
            assertEquals(0, model.options().thresholdFolds());
            assertTrue(model.summary().warnings().stream().anyMatch(w -> w.contains("format 1")),
                    model.summary().warnings().toString());
        } else {
            assertTrue(t.outOfFold() && t.folds() >= 5, "out-of-fold thresholds from format 2 on");
            assertEquals(Quantiles.of(t.inductive(), 0.95), model.threshold(), 0.0);
        }
    }
}
