package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.ImageContent;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.image.ImageRef;
import org.msde4j.image.PixelImages;

/**
 * Measurement main (not a test): what keying the embedding cache by content costs
 * ({@link ImageContent}: the SHA-256 of every image file, remembered with its size and times)
 * against embedding the same files, measured in the same run on the same files.
 *
 * <p>{@code images} synthetic brain slices are written as PNG files of {@code size} px. Backbones: the
 * default self-supervised one (its architecture and input size, untrained: the same computation as
 * trained weights) and raw pixels (the cheapest there is). Each round embeds all files without a cache
 * ({@link Embedder}), then digests them with an empty index (every file read and hashed: the first
 * run over a dataset) and again with the index it left (size and times only: every later run).
 * Medians over the rounds; the ratio is digest time over embedding time.
 *
 * <p>Run: {@code ./jbang msde-bench content-hash [--images N] [--size PX] [--rounds R]}.
 */
public final class ContentHashBench {

    private ContentHashBench() {
    }

    /** Writes the files, times the rounds and prints the table. */
    public static void run(int images, int size, int rounds) throws IOException {
        Path dir = Files.createTempDirectory("msde4j-content-hash");
        List<ImageRef> refs = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < images; i++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "%05d.png", i));
            Files.write(f, PixelImages.png(SyntheticBrainMri.normalSlice(size, i)));
            bytes += Files.size(f);
            refs.add(new ImageRef.File(f));
        }
        System.out.printf(Locale.ROOT, "%d PNG files of %d × %d px, %.1f KiB each on average; %d rounds, medians%n%n",
                images, size, size, bytes / 1024.0 / images, rounds);
        SelfSupervisedOptions ssl = SelfSupervisedOptions.defaults().withEpochs(0);
        Path sslDir = dir.resolve("ssl");
        SelfSupervisedTraining.train(refs.subList(0, Math.min(64, images)), ssl, sslDir, SelfSupervisedTraining.Listener.NONE);
        System.out.println("| backbone | embed s | digest, first run s | digest, later runs s | first run / embed | later runs / embed |");
        System.out.println("|---|---|---|---|---|---|");
        try (Backbone selfSupervised = SelfSupervisedBackbone.load(sslDir);
             Backbone pixels = new RawPixelBackbone(Preprocessing.unnormalised(32, 1))) {
            for (Backbone backbone : List.of(selfSupervised, pixels)) {
                Embedder.embed(backbone, refs.subList(0, Math.min(32, images)), Embedder.Options.defaults());
                double[] embed = new double[rounds];
                double[] cold = new double[rounds];
                double[] warm = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    Embedder.embed(backbone, refs, Embedder.Options.defaults());
                    long t1 = System.nanoTime();
                    Path index = Files.createTempDirectory(dir, "index");
                    ImageContent.digest(refs, index);
                    long t2 = System.nanoTime();
                    ImageContent.digest(refs, index);
                    long t3 = System.nanoTime();
                    embed[r] = (t1 - t0) / 1e9;
                    cold[r] = (t2 - t1) / 1e9;
                    warm[r] = (t3 - t2) / 1e9;
                }
                double e = median(embed);
                double c = median(cold);
                double w = median(warm);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.3f | %.1f %% | %.1f %% |%n", backbone.name(), e, c, w,
                        100 * c / e, 100 * w / e);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
