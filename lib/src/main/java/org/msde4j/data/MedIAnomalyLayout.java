package org.msde4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.msde4j.image.ImageRef;

/**
 * The layout of the MedIAnomaly benchmark (Cai et al., "MedIAnomaly: A comparative study of
 * anomaly detection in medical images", Medical Image Analysis 2025, arXiv 2404.04518): a folder
 * of images and an index that assigns file names to splits and labels,
 *
 * <pre>
 * images/…
 * data.json = {"train": {"0": [names…]}, "test": {"0": [names…], "1": [names…]}}
 * </pre>
 *
 * Names are relative to {@code images/}; label "0" is normal, "1" abnormal. The synthetic brain
 * MRI generator writes the same layout, plus a {@code masks/} folder: an image whose name is also
 * found there gets that file as its ground-truth mask (any subset of the images may have one).
 *
 * @param images folder of the images, relative to the dataset root ({@code images} when null)
 * @param index  the index file, relative to the dataset root ({@code data.json} when null)
 * @param masks  folder of ground-truth masks named like the images ({@value #MASKS} when null; it
 *               need not exist)
 */
public record MedIAnomalyLayout(String images, String index, String masks) implements Layout {

    /** The default folder of masks. */
    public static final String MASKS = "masks";

    /** Fills in the standard names. */
    public MedIAnomalyLayout {
        images = images == null ? "images" : images;
        index = index == null ? "data.json" : index;
        masks = masks == null ? MASKS : masks;
    }

    /** The layout with the default masks folder. */
    public MedIAnomalyLayout(String images, String index) {
        this(images, index, null);
    }

    /** {@code images/} + {@code data.json}. */
    public static MedIAnomalyLayout standard() {
        return new MedIAnomalyLayout(null, null);
    }

    /** Reads a dataset in the standard layout; its name is the folder's name. */
    public static Dataset read(Path root) throws IOException {
        return standard().load(root, root.getFileName().toString());
    }

    @Override
    public Dataset load(Path root, String name) throws IOException {
        Path indexFile = root.resolve(index);
        if (!Files.isRegularFile(indexFile)) {
            throw new IOException("index " + indexFile + " does not exist: a MedIAnomaly-layout dataset needs "
                    + describe() + " — fetch the dataset again or point to the folder that holds " + index + ".");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(indexFile.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(indexFile + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "): restore the file from the dataset's archive.", e);
        }
        Path folder = root.resolve(images);
        Path maskFolder = root.resolve(masks);
        List<Sample> samples = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Split split : Split.values()) {
            String key = split.name().toLowerCase(Locale.ROOT);
            for (Map.Entry<Integer, List<String>> group : groups(json, key, indexFile).entrySet()) {
                for (String file : group.getValue()) {
                    Path path = folder.resolve(file);
                    files.add(path);
                    Path mask = maskFolder.resolve(file);
                    samples.add(new Sample(file, new ImageRef.File(path), split, group.getKey(),
                            Files.isRegularFile(mask) ? new ImageRef.File(mask) : null));
                }
            }
        }
        ImageFiles.requireAll(files, indexFile.toString());
        return new Dataset(name, samples);
    }

    /** The label → names lists of one split, checked for shape. */
    private static Map<Integer, List<String>> groups(JsonNode json, String split, Path indexFile) throws IOException {
        JsonNode node = json.get(split);
        if (node == null || !node.isObject()) {
            throw new IOException(indexFile + " has no object \"" + split + "\": expected {\"train\": {\"0\": [...]}, "
                    + "\"test\": {\"0\": [...], \"1\": [...]}} — restore the file from the dataset's archive.");
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("0") && !e.getKey().equals("1")) {
                throw new IOException(indexFile + ": \"" + split + "\" has label \"" + e.getKey()
                        + "\"; labels are \"0\" (normal) and \"1\" (abnormal).");
            }
            if (!e.getValue().isArray()) {
                throw new IOException(indexFile + ": \"" + split + "\".\"" + e.getKey() + "\" must be a list of file names.");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : e.getValue()) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw new IOException(indexFile + ": \"" + split + "\".\"" + e.getKey() + "\" holds " + n
                            + ", which is not a file name.");
                }
                names.add(n.asText());
            }
            out.put(Integer.parseInt(e.getKey()), names);
        }
        return out;
    }

    @Override
    public String describe() {
        return images + "/ with the images and " + index + " = {\"train\": {\"0\": [names]}, "
                + "\"test\": {\"0\": [names], \"1\": [names]}} (masks, optional, in " + masks + "/ under the same names)";
    }
}
