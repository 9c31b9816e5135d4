package org.msde4j.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.data.Split;
import org.msde4j.embed.BadImagePolicy;

/**
 * A dataset with its normal training images and its test images embedded by one backbone: where
 * every evaluation, fit and notebook starts.
 *
 * <pre>{@code
 * EmbeddedDataset brains = EmbeddedDataset.of(DatasetSpec.id("synthetic-brain-mri"), BackboneSpec.defaults(), System.out);
 * MsdeModel model = MsdeDetector.fit(brains.train().rows(), DetectorOptions.defaults());
 * }</pre>
 *
 * @param name             the dataset's short name
 * @param dataset          its samples
 * @param train            the normal training images and their embeddings
 * @param test             the test images and their embeddings
 * @param backboneSpec     how to open the same backbone again
 * @param backboneName     the backbone's name
 * @param backboneIdentity the backbone's identity (weights and preprocessing)
 * @param seconds          time spent loading ("load"), getting the backbone ready ("backbone") and embedding ("embed")
 * @param checks           the label-free check of the learned embedding and of raw pixels, when the backbone was
 *                         trained or chosen now ({@link BackboneSpec}); empty otherwise
 */
public record EmbeddedDataset(String name, Dataset dataset, EmbeddedSplit train, EmbeddedSplit test, String backboneSpec,
                              String backboneName, String backboneIdentity, Map<String, Double> seconds,
                              List<LabelFreeCheck> checks) {

    /**
     * Loads {@code spec} (generating the synthetic set when absent), gets {@code backbone} ready for it
     * (training the self-supervised one once; cached in {@code cache/backbones}) and embeds both
     * splits through the embedding cache in {@code cache/embeddings}.
     *
     * @param seed     seed of the dataset's own random split, where it has one (folder layouts)
     * @param offline  never use the network
     * @param log      receives progress lines
     */
    public static EmbeddedDataset of(DatasetSpec spec, BackboneSpec backbone, DataCatalog catalog, Path cache, long seed,
                                     boolean offline, BadImagePolicy onBadImage, PrintStream log) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Dataset dataset = spec.load(catalog, seed, log::println);
        seconds.put("load", lap(t0));
        log.printf("%s: %s%n", spec.name(), dataset.counts());
        long t1 = System.nanoTime();
        try (BackboneSpec.Ready ready = backbone.open(spec.name(), dataset.trainNormals(), cache, offline, onBadImage, log)) {
            seconds.put("backbone", lap(t1));
            long t2 = System.nanoTime();
            Path embeddings = cache.resolve("embeddings");
            EmbeddedSplit train = EmbeddedSplit.of(spec.name(), Split.TRAIN, dataset.trainNormals(), ready.backbone(),
                    embeddings, onBadImage, log);
            EmbeddedSplit test = EmbeddedSplit.of(spec.name(), Split.TEST, dataset.test(), ready.backbone(), embeddings,
                    onBadImage, log);
            seconds.put("embed", lap(t2));
            return new EmbeddedDataset(spec.name(), dataset, train, test, ready.spec(), ready.backbone().name(),
                    ready.backbone().identity(), Map.copyOf(seconds), ready.checks());
        }
    }

    /**
     * {@link #of(DatasetSpec, BackboneSpec, DataCatalog, Path, long, boolean, BadImagePolicy, PrintStream)}
     * with the built-in catalog, the {@link #defaultCache() default cache}, seed 42, the network
     * allowed, and failing on an unreadable image.
     */
    public static EmbeddedDataset of(DatasetSpec spec, BackboneSpec backbone, PrintStream log) throws IOException {
        return of(spec, backbone, DataCatalog.builtIn(), defaultCache(), 42, false, BadImagePolicy.FAIL, log);
    }

    /** The cache of backbones and embeddings: {@code -Dmsde4j.cache}, else {@code MSDE4J_CACHE}, else {@code ~/.msde4j/cache}. */
    public static Path defaultCache() {
        String configured = System.getProperty("msde4j.cache", System.getenv("MSDE4J_CACHE"));
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".msde4j", "cache");
    }

    private static double lap(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
