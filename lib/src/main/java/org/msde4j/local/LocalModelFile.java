package org.msde4j.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msde4j.io.ArrayContainer;

/**
 * The file of a fitted {@link LocalModel}: its own file type beside the image-level model file, so
 * that either can change format without the other. An {@link ArrayContainer} with the signature
 * {@code 0x89 MSDELOC}, format {@value #FORMAT}, whose header holds the kind ({@code patchcore},
 * {@code padim}, {@code patch-msde}), the detector's settings, the patch grid, the image-score
 * rule, the training images' scores, the threshold and the metadata (the backbone), and whose
 * arrays are the kind's fitted arrays. Format history: 1 — the first.
 */
public final class LocalModelFile {

    /** The format this version writes. */
    public static final int FORMAT = 1;

    /** The file type. */
    public static final ArrayContainer.Type TYPE = new ArrayContainer.Type(
            ("\u0089MSDELOC").getBytes(StandardCharsets.ISO_8859_1), FORMAT, "msde4j local model",
            "re-fit the model (msde-fit --local …)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalModelFile() {
    }

    /** True when {@code file} is a local model file (by its signature). */
    public static boolean isLocalModel(Path file) throws IOException {
        return ArrayContainer.hasSignature(file, TYPE);
    }

    static void write(LocalModel model, Path file) throws IOException {
        LocalModel.Basics b = model.basics();
        ObjectNode header = JSON.createObjectNode();
        header.put("kind", model.kind());
        header.set("settings", JSON.valueToTree(model.settings()));
        header.putArray("grid").add(b.height()).add(b.width()).add(b.depth());
        header.put("imageScoreTopK", b.imageScore().topK());
        header.put("threshold", b.threshold());
        header.put("normalLevel", b.normalLevel());
        header.set("metadata", JSON.valueToTree(b.metadata()));
        Map<String, double[][]> arrays = new LinkedHashMap<>();
        arrays.put("train.scores", new double[][] {b.trainScores()});
        arrays.putAll(model.arrays());
        ArrayContainer.write(file, TYPE, header, arrays);
    }

    @SuppressWarnings("unchecked")
    static LocalModel read(Path file) throws IOException {
        ArrayContainer.Content c = ArrayContainer.read(file, TYPE);
        ObjectNode h = c.header();
        try {
            ImageScore rule = new ImageScore(h.get("imageScoreTopK").asInt());
            Map<String, String> metadata = new LinkedHashMap<>();
            h.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            LocalModel.Basics basics = new LocalModel.Basics(h.get("grid").get(0).asInt(), h.get("grid").get(1).asInt(),
                    h.get("grid").get(2).asInt(), rule, c.arrays().get("train.scores")[0], h.get("threshold").asDouble(),
                    h.get("normalLevel").asDouble(), metadata);
            Map<String, Object> settings = JSON.treeToValue(h.get("settings"), Map.class);
            String kind = h.get("kind").asText();
            return switch (kind) {
                case "patchcore" -> PatchCoreModel.restore(settings, rule, c.arrays(), basics);
                case "padim" -> PadimModel.restore(settings, rule, c.arrays(), basics);
                case "patch-msde" -> PatchMsdeModel.restore(settings, rule, c.arrays(), basics);
                default -> throw new IOException(file + " holds a local model of kind \"" + kind + "\", which this msde4j "
                        + "does not know: upgrade msde4j, or " + TYPE.remedy() + ".");
            };
        } catch (RuntimeException e) {
            throw new IOException(file + " passed its checksum but could not be read (" + e.getMessage()
                    + "): it may come from an incompatible msde4j build; " + TYPE.remedy() + ".", e);
        }
    }
}
