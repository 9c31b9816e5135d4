package org.msde4j.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.SyntheticAnomaly;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;

/**
 * How well a backbone separates normal images it has not seen from anomalies made from them — a
 * check that needs no anomalous image and no label. The normal training images (at most
 * {@value #MAX_IMAGES}, a seeded draw) are split into {@value #FOLDS} folds; each fold's images and
 * their {@link SyntheticAnomaly synthetic anomalies} are scored by the kNN distance (k =
 * {@value #K}) to the embeddings of the other folds; the result is the AUROC of normal against
 * anomalous per kind of anomaly, and their mean.
 *
 * <p>A backbone trained to tell pasted patches from originals scores the paste kind almost perfectly
 * (0.96–0.99 on the chest X-rays and the synthetic set) whatever it does on real anomalies: judged on
 * its own pretext it would always look ahead. So the figure that decides, {@link #mean()}, counts only
 * the {@linkplain #counted counted} kinds, those the learned backbone's pretext does not make
 * ({@link SyntheticAnomaly#notMadeBy}), and the embeddings compared with it are counted on the same
 * kinds.
 *
 * <p>It ranks embeddings by what they notice, not by what a real anomaly looks like: on the chest
 * X-rays it ranks raw pixels at 16 px above the denoising backbone, whose real validation AUROC is
 * higher, and the AnatPaste backbone level with raw pixels on the blob while it is far behind them on
 * the real images ({@code docs/embeddings.md}). Read it as a floor under a learned embedding — one
 * that trails raw pixels here is unlikely to help — not as a forecast.
 *
 * @param backbone the backbone's name
 * @param auroc    AUROC per kind of synthetic anomaly
 * @param images   normal images used
 * @param counted  the kinds {@link #mean()} averages (a non-empty subset of {@code auroc}'s)
 */
public record LabelFreeCheck(String backbone, Map<SyntheticAnomaly, Double> auroc, int images,
                             Set<SyntheticAnomaly> counted) {

    /** Normal images used at most. */
    public static final int MAX_IMAGES = 600;
    /** Folds of the held-out scoring. */
    public static final int FOLDS = 5;
    /** Neighbours of the kNN distance. */
    public static final int K = 5;

    public LabelFreeCheck {
        auroc = Map.copyOf(auroc);
        counted = Set.copyOf(counted);
        if (counted.isEmpty() || !auroc.keySet().containsAll(counted)) {
            throw new IllegalArgumentException("a label-free check counts at least one of its kinds " + auroc.keySet()
                    + ", got " + counted + ".");
        }
    }

    /** A check that counts every kind it measured. */
    public LabelFreeCheck(String backbone, Map<SyntheticAnomaly, Double> auroc, int images) {
        this(backbone, auroc, images, auroc.keySet());
    }

    /** The same measurements, counting only {@code kinds} in {@link #mean()}. */
    public LabelFreeCheck counting(Set<SyntheticAnomaly> kinds) {
        return new LabelFreeCheck(backbone, auroc, images, kinds);
    }

    /** The mean AUROC over the counted kinds of anomaly. */
    public double mean() {
        return counted.stream().mapToDouble(auroc::get).average().orElseThrow();
    }

    /** E.g. {@code pixels 16 px: 0.715 (paste 0.788, blob 0.642)}, or {@code … 0.642 (blob 0.642; not counted: paste 0.788)}. */
    @Override
    public String toString() {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (SyntheticAnomaly kind : SyntheticAnomaly.values()) {
            if (auroc.containsKey(kind)) {
                (counted.contains(kind) ? in : out).add(String.format(Locale.ROOT, "%s %.3f",
                        kind.name().toLowerCase(Locale.ROOT), auroc.get(kind)));
            }
        }
        return String.format(Locale.ROOT, "%s: %.3f (%s%s)", backbone, mean(), String.join(", ", in),
                out.isEmpty() ? "" : "; not counted: " + String.join(", ", out));
    }

    /** Runs the check of {@code backbone} on {@code normals} (at least {@code FOLDS · (K + 1)} images). */
    public static LabelFreeCheck of(Backbone backbone, List<ImageRef> normals, long seed) throws IOException {
        int needed = FOLDS * (K + 1);
        if (normals.size() < needed) {
            throw new IllegalArgumentException("the label-free check needs at least " + needed + " normal images ("
                    + FOLDS + " folds of " + (K + 1) + "), got " + normals.size() + ".");
        }
        Random random = new Random(seed);
        List<ImageRef> used = new ArrayList<>(normals);
        Collections.shuffle(used, random);
        used = used.subList(0, Math.min(MAX_IMAGES, used.size()));
        List<ImageRef> clean = new ArrayList<>();
        Map<SyntheticAnomaly, List<ImageRef>> anomalous = new EnumMap<>(SyntheticAnomaly.class);
        for (SyntheticAnomaly kind : SyntheticAnomaly.values()) {
            anomalous.put(kind, new ArrayList<>());
        }
        for (int i = 0; i < used.size(); i++) {
            ImageRef ref = used.get(i);
            long drawSeed = random.nextLong();
            clean.add(new ImageRef.Array("normal", i, () -> squared(ref, null, drawSeed)));
            for (SyntheticAnomaly kind : SyntheticAnomaly.values()) {
                anomalous.get(kind).add(new ImageRef.Array(kind.name().toLowerCase(Locale.ROOT), i,
                        () -> squared(ref, kind, drawSeed)));
            }
        }
        Embedder.Options options = Embedder.Options.defaults();
        double[][] normal = Embedder.embed(backbone, clean, options).toDoubles();
        Map<SyntheticAnomaly, Double> auroc = new EnumMap<>(SyntheticAnomaly.class);
        for (SyntheticAnomaly kind : SyntheticAnomaly.values()) {
            auroc.put(kind, heldOutAuroc(normal, Embedder.embed(backbone, anomalous.get(kind), options).toDoubles()));
        }
        return new LabelFreeCheck(backbone.name(), auroc, used.size());
    }

    /**
     * AUROC of held-out normal rows against their anomalous copies ({@code anomalous[i]} made from
     * {@code normal[i]}), each fold scored by the kNN distance to the other folds' normal rows.
     */
    static double heldOutAuroc(double[][] normal, double[][] anomalous) {
        int n = normal.length;
        double[] scores = new double[2 * n];
        int[] labels = new int[2 * n];
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> reference = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % FOLDS == f) {
                    held.add(i);
                } else {
                    reference.add(normal[i]);
                }
            }
            double[][] queries = new double[2 * held.size()][];
            for (int j = 0; j < held.size(); j++) {
                queries[j] = normal[held.get(j)];
                queries[held.size() + j] = anomalous[held.get(j)];
            }
            double[] s = KnnDistanceBaseline.fit(reference.toArray(new double[0][]), K).score(queries);
            for (int j = 0; j < held.size(); j++) {
                scores[held.get(j)] = s[j];
                scores[n + held.get(j)] = s[held.size() + j];
                labels[n + held.get(j)] = 1;
            }
        }
        return Metrics.auroc(scores, labels);
    }

    /** {@code ref} as a square 16-bit plane, with {@code kind}'s anomaly drawn from {@code seed} (none when null). */
    private static Pixels squared(ImageRef ref, SyntheticAnomaly kind, long seed) {
        try {
            Pixels image = ImageDecoder.read(ref);
            int side = SyntheticAnomaly.side(image);
            float[] plane = SyntheticAnomaly.square(image);
            return SyntheticAnomaly.pixels(kind == null ? plane : kind.apply(plane, side, new Random(seed)), side);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
