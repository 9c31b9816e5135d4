package org.msde4j.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

/**
 * Writes the model-file fixture of the current format with the scores it must reproduce, into
 * {@code src/test/resources/org/msde4j/detect/}. Run once per new model format and commit the
 * result beside the older ones, so that files of every earlier format keep loading
 * ({@link ModelFileCompatibilityTest}):
 * {@code mvn -q -pl lib test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.msde4j.detect.ModelFileFixtureWriter}
 */
public final class ModelFileFixtureWriter {

    /** Rows scored by the compatibility test. */
    static double[][] probeRows() {
        return Synthetic.normals(6, 4, 0.7, 22);
    }

    private ModelFileFixtureWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/org/msde4j/detect");
        MsdeModel model = MsdeDetector.fit(Synthetic.normals(60, 4, 0, 21), DetectorOptions.defaults()
                .withMsde(MsdeOptions.defaults().withK(8).withTau(12))).withMetadata(Map.of("fixture", "format"));
        model.save(dir.resolve("model-format" + ModelFile.FORMAT + ".msde"));
        double[] scores = model.score(probeRows());
        Files.writeString(dir.resolve("model-format" + ModelFile.FORMAT + ".scores"),
                Arrays.stream(scores).mapToObj(Double::toString).collect(Collectors.joining("\n")) + "\n");
    }
}
