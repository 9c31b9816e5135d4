package org.msde4j.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.EmbeddingCache;
import org.msde4j.embed.LocalEmbeddings;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.io.Progress;

/**
 * The patch embeddings of one split, aligned with its samples (a skipped image drops its sample), as
 * {@link EmbeddedSplit} holds the image embeddings.
 *
 * @param samples    the samples that were embedded
 * @param embeddings their patch embeddings, image i of sample i
 */
public record EmbeddedPatches(List<Sample> samples, LocalEmbeddings embeddings) {

    /** 0/1 labels of the samples. */
    public int[] labels() {
        return Dataset.labels(samples);
    }

    /**
     * The patch embeddings of {@code samples} (one split of {@code dataset}) by {@code features},
     * through the embedding cache in {@code cacheDir}, with progress on {@code log}.
     */
    public static EmbeddedPatches of(String dataset, Split split, List<Sample> samples, LocalFeatures features,
                                     Path cacheDir, BadImagePolicy onBadImage, PrintStream log) throws IOException {
        Progress bar = Progress.on(log, "patch embeddings of " + dataset + " " + split.name().toLowerCase(Locale.ROOT),
                samples.size());
        LocalEmbeddings e = new EmbeddingCache(cacheDir).embedLocal(dataset, split,
                samples.stream().map(Sample::image).toList(), features, EmbeddedSplit.reporting(bar, onBadImage));
        bar.done();
        return new EmbeddedPatches(EmbeddedSplit.kept(samples, e.skipped(), log), e);
    }

    /**
     * Both splits of a dataset whose backbone is ready: the normal training images and the test images.
     *
     * @return {training, test}
     */
    public static List<EmbeddedPatches> trainAndTest(String dataset, Dataset data, LocalFeatures features, Path cacheDir,
                                                     BadImagePolicy onBadImage, PrintStream log) throws IOException {
        return List.of(of(dataset, Split.TRAIN, data.trainNormals(), features, cacheDir, onBadImage, log),
                of(dataset, Split.TEST, data.test(), features, cacheDir, onBadImage, log));
    }
}
