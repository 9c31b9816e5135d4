package org.msde4j.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.EmbeddingCache;
import org.msde4j.embed.Embeddings;
import org.msde4j.embed.SkippedImage;
import org.msde4j.image.ImageStatistics;
import org.msde4j.io.Progress;

/**
 * The samples of one split and their embedding rows, aligned: when bad images are skipped, their
 * samples are dropped too, so row i is always the embedding of sample i.
 *
 * @param samples the samples that were embedded
 * @param rows    one embedding per sample
 * @param skipped images that could not be read (only with {@link BadImagePolicy#SKIP})
 * @param statistics size and intensity of each sample's image, aligned with the samples
 */
public record EmbeddedSplit(List<Sample> samples, double[][] rows, List<SkippedImage> skipped,
                            List<ImageStatistics> statistics) {

    /** A split without image statistics (embeddings computed elsewhere). */
    public EmbeddedSplit(List<Sample> samples, double[][] rows, List<SkippedImage> skipped) {
        this(samples, rows, skipped, List.of());
    }

    /** 0/1 labels of the samples. */
    public int[] labels() {
        return Dataset.labels(samples);
    }

    /**
     * Embeds {@code samples} (one split of {@code dataset}) with {@code backbone}, through the
     * embedding cache in {@code cacheDir}, showing progress on {@code log}.
     */
    public static EmbeddedSplit of(String dataset, Split split, List<Sample> samples, Backbone backbone, Path cacheDir,
                                   BadImagePolicy onBadImage, PrintStream log) throws IOException {
        Progress bar = Progress.on(log, "embedding " + dataset + " " + split.name().toLowerCase(Locale.ROOT),
                samples.size());
        Embeddings e = new EmbeddingCache(cacheDir).embed(dataset, split, samples.stream().map(Sample::image).toList(),
                backbone, reporting(bar, onBadImage));
        bar.done();
        return new EmbeddedSplit(kept(samples, e.skipped(), log), e.toDoubles(), e.skipped(), e.statistics());
    }

    /** The samples that were embedded: all but the skipped ones, whose reasons go to {@code log}. */
    static List<Sample> kept(List<Sample> samples, List<SkippedImage> skipped, PrintStream log) {
        Set<Integer> dropped = new HashSet<>();
        skipped.forEach(s -> dropped.add(s.index()));
        List<Sample> kept = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (!dropped.contains(i)) {
                kept.add(samples.get(i));
            }
        }
        for (SkippedImage s : skipped) {
            log.println("skipped " + s.name() + ": " + s.reason());
        }
        return List.copyOf(kept);
    }

    /** Embedder options whose listener advances {@code bar}. */
    static Embedder.Options reporting(Progress bar, BadImagePolicy onBadImage) {
        int[] done = {0};
        return Embedder.Options.defaults().withBadImagePolicy(onBadImage).withListener((n, total) -> {
            bar.advance(n - done[0]);
            done[0] = n;
        });
    }
}
