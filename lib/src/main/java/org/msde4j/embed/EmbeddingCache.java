package org.msde4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.msde4j.Version;
import org.msde4j.data.Split;
import org.msde4j.image.ImageRef;
import org.msde4j.image.ImageStatistics;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.Npy;
import org.msde4j.io.Sha256;

/**
 * Embeddings computed once and kept on disk, one entry per (dataset, split, backbone identity,
 * preprocessing).
 *
 * <p>An entry is two files in the cache folder, named {@code <dataset>-<split>-<key digest>}:
 * {@code .npy} (float32, rows × dimension) and a {@code .json} sidecar that repeats the key and
 * records the image names, the {@link ImageContent} digest of the inputs (each image's name and the
 * SHA-256 of its bytes), the skipped images, each image's {@link ImageStatistics}, the SHA-256 of the
 * {@code .npy} and the msde4j version. An entry is reused only when every key field, the inputs'
 * content and the {@code .npy} checksum match, and, if images were skipped, the caller allows
 * skipping; anything else is recomputed and overwritten. An image edited or replaced under the same
 * name is therefore embedded again; file digests are remembered with each file's size and times in
 * {@code content/}, so an unchanged dataset costs one {@code stat} per file, not a read. Both files are
 * written atomically, the sidecar last, so an interrupted write leaves an entry that fails the
 * checksum and is redone.
 *
 * <p>Patch embeddings ({@link #embedLocal}) are entries of the same kind, keyed by the
 * {@link LocalFeatures#identity()} (backbone and how patches are made) in place of the backbone's
 * identity; their {@code .npy} has the shape (images, height, width, depth), recorded as
 * {@code grid} in the sidecar.
 */
public final class EmbeddingCache {

    private static final int FORMAT = 2;
    /** Sub-folder of the remembered file digests ({@link ImageContent}), shared with the backbone cache. */
    public static final String CONTENT_INDEX = "content";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What an entry depends on.
     *
     * @param dataset       the dataset's name
     * @param split         its split
     * @param backbone      the backbone's {@link Backbone#identity()}
     * @param preprocessing the backbone's {@link Preprocessing#key()}
     */
    public record Key(String dataset, Split split, String backbone, String preprocessing) {

        /** Hex SHA-256 of the four fields. */
        public String digest() {
            String text = dataset + "\n" + split + "\n" + backbone + "\n" + preprocessing;
            return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Path dir;

    /** A cache in {@code dir} (created when first written). */
    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The embeddings of {@code images} (a split of {@code dataset}) by {@code backbone}: read from
     * the cache when a valid entry exists, else computed with {@link Embedder} and stored.
     */
    public Embeddings embed(String dataset, Split split, List<ImageRef> images, Backbone backbone,
                            Embedder.Options options) throws IOException {
        Key key = new Key(dataset, split, backbone.identity(), backbone.preprocessing().key());
        String inputs = ImageContent.digest(images, dir.resolve(CONTENT_INDEX));
        Embeddings cached = read(key, inputs, options.onBadImage(), null);
        if (cached != null) {
            options.listener().progress(images.size(), images.size());
            return cached;
        }
        Embeddings fresh = Embedder.embed(backbone, images, options);
        write(key, inputs, images.size(), backbone.name(), fresh, null);
        return fresh;
    }

    /**
     * The patch embeddings of {@code images} (a split of {@code dataset}) by {@code features}: read
     * from the cache when a valid entry exists, else computed and stored.
     */
    public LocalEmbeddings embedLocal(String dataset, Split split, List<ImageRef> images, LocalFeatures features,
                                      Embedder.Options options) throws IOException {
        Key key = new Key(dataset, split, features.identity(), features.preprocessing().key());
        String inputs = ImageContent.digest(images, dir.resolve(CONTENT_INDEX));
        int[] grid = {features.height(), features.width(), features.depth()};
        Embeddings cached = read(key, inputs, options.onBadImage(), grid);
        if (cached != null) {
            options.listener().progress(images.size(), images.size());
            return new LocalEmbeddings(cached.names(), grid[0], grid[1], grid[2], cached.values(), cached.skipped());
        }
        LocalEmbeddings fresh = Embedder.embed(features, images, options);
        write(key, inputs, images.size(), features.name(),
                new Embeddings(fresh.names(), grid[0] * grid[1] * grid[2], fresh.shared(), fresh.skipped()), grid);
        return fresh;
    }

    /** The {@code .npy} file of {@code key}'s entry. */
    public Path arrayFile(Key key) {
        return dir.resolve(stem(key) + ".npy");
    }

    /** The {@code .json} sidecar of {@code key}'s entry. */
    public Path sidecarFile(Key key) {
        return dir.resolve(stem(key) + ".json");
    }

    private static String stem(Key key) {
        String name = key.dataset().replaceAll("[^A-Za-z0-9._-]", "_");
        return name + "-" + key.split().name().toLowerCase(Locale.ROOT) + "-" + key.digest().substring(0, 16);
    }

    /** A valid entry for this request (of patch embeddings on {@code grid} when not null), or null. */
    private Embeddings read(Key key, String inputs, BadImagePolicy policy, int[] grid) throws IOException {
        Path sidecar = sidecarFile(key);
        Path array = arrayFile(key);
        if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(array)) {
            return null;
        }
        JsonNode meta;
        try {
            meta = JSON.readTree(sidecar.toFile());
        } catch (IOException e) {
            return null;
        }
        boolean matches = meta.path("format").asInt() == FORMAT
                && meta.path("dataset").asText().equals(key.dataset())
                && meta.path("split").asText().equals(key.split().name())
                && meta.path("backbone").asText().equals(key.backbone())
                && meta.path("preprocessing").asText().equals(key.preprocessing())
                && meta.path("inputs").asText().equals(inputs)
                && (meta.path("skipped").isEmpty() || policy == BadImagePolicy.SKIP)
                && gridOf(meta).equals(grid == null ? List.of() : List.of(grid[0], grid[1], grid[2]));
        if (!matches) {
            return null;
        }
        // The checksum is of the bytes parsed, read once: the file may be replaced meanwhile by another run.
        MessageDigest sha = Sha256.newDigest();
        Npy.Array values;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(array)), sha)) {
            values = Npy.read(in, array.toString());
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!Sha256.hex(sha).equals(meta.path("npySha256").asText())) {
            return null;
        }
        float[] floats = new float[Math.toIntExact(values.size())];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) values.get(i);
        }
        List<String> names = new ArrayList<>();
        meta.path("names").forEach(n -> names.add(n.asText()));
        List<SkippedImage> skipped = new ArrayList<>();
        meta.path("skipped").forEach(s -> skipped.add(
                new SkippedImage(s.path("index").asInt(), s.path("name").asText(), s.path("reason").asText())));
        List<ImageStatistics> statistics = new ArrayList<>();
        meta.path("statistics").forEach(s -> statistics.add(new ImageStatistics(s.get(0).asInt(), s.get(1).asInt(),
                s.get(2).asDouble(), s.get(3).asDouble())));
        if (statistics.size() != names.size()) {
            return null;
        }
        return new Embeddings(names, meta.path("dimension").asInt(), floats, skipped, statistics);
    }

    private static List<Integer> gridOf(JsonNode meta) {
        List<Integer> out = new ArrayList<>();
        meta.path("grid").forEach(n -> out.add(n.asInt()));
        return out;
    }

    private void write(Key key, String inputs, int count, String backboneName, Embeddings e, int[] grid) throws IOException {
        Path array = arrayFile(key);
        long[] shape = grid == null ? new long[] {e.size(), e.dimension()} : new long[] {e.size(), grid[0], grid[1], grid[2]};
        // The checksum is of the bytes written, not of the file read back, which a parallel run may have replaced.
        MessageDigest sha = Sha256.newDigest();
        AtomicFiles.write(array, out -> Npy.writeFloat32(new DigestOutputStream(out, sha), e.values(), shape));
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("dataset", key.dataset());
        meta.put("split", key.split().name());
        meta.put("backbone", key.backbone());
        meta.put("backboneName", backboneName);
        meta.put("preprocessing", key.preprocessing());
        meta.put("inputs", inputs);
        meta.put("images", count);
        meta.put("rows", e.size());
        meta.put("dimension", e.dimension());
        if (grid != null) {
            ArrayNode g = meta.putArray("grid");
            for (int v : grid) {
                g.add(v);
            }
        }
        meta.put("npySha256", Sha256.hex(sha));
        meta.put("msde4j", Version.current());
        ArrayNode names = meta.putArray("names");
        e.names().forEach(names::add);
        ArrayNode statistics = meta.putArray("statistics");
        for (ImageStatistics st : e.statistics()) {
            statistics.addArray().add(st.width()).add(st.height()).add(st.mean()).add(st.std());
        }
        ArrayNode skipped = meta.putArray("skipped");
        for (SkippedImage s : e.skipped()) {
            skipped.addObject().put("index", s.index()).put("name", s.name()).put("reason", s.reason());
        }
        AtomicFiles.writeString(sidecarFile(key), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
    }
}
