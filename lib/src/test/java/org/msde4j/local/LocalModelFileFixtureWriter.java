package org.msde4j.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

/**
 * Writes the local-model-file fixtures of the current format (one per kind) with the image scores
 * they must reproduce, into {@code src/test/resources/org/msde4j/local/}. Run once per new format
 * and commit the result beside the older ones ({@link LocalModelFileTest}):
 * {@code mvn -q -pl lib test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.msde4j.local.LocalModelFileFixtureWriter}
 */
public final class LocalModelFileFixtureWriter {

    private LocalModelFileFixtureWriter() {
    }

    /** The detectors written, small enough for a few-kilobyte file each. */
    static List<LocalDetector> detectors() {
        return List.of(PatchCore.defaults().withCoresetShare(0.2), new Padim(3, 0.01, new ImageScore(2), 0.9, 5),
                PatchMsde.defaults().withMsde(MsdeOptions.defaults().withK(8).withTau(12)));
    }

    /** 30 images of a 2 × 2 grid. */
    static LocalEmbeddings train() {
        return Patches.of(2, 2, Synthetic.normals(120, 4, 0, 31));
    }

    /** Patches scored by the compatibility test. */
    static LocalEmbeddings probe() {
        return Patches.of(2, 2, Synthetic.normals(12, 4, 0.6, 32));
    }

    static String name(String kind, int format) {
        return "local-" + kind + "-format" + format;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/org/msde4j/local");
        Files.createDirectories(dir);
        for (LocalDetector d : detectors()) {
            LocalModel model = d.fit(train()).withMetadata(Map.of("fixture", "format"));
            String name = name(model.kind(), LocalModelFile.FORMAT);
            model.save(dir.resolve(name + ".msde"));
            Files.writeString(dir.resolve(name + ".scores"), Arrays.stream(model.score(probe()).scores())
                    .mapToObj(Double::toString).collect(Collectors.joining("\n")) + "\n");
        }
    }
}
