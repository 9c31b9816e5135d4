package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.detect.KnnDistanceBaseline;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.eval.Metrics;
import org.msde4j.io.RunFolder;

/**
 * Measures how hard each {@link Difficulty} is for raw pixels: generates the default synthetic
 * dataset (128 px, 600 training normals, 200 + 200 test images, seed 42) per level, embeds every
 * image with the raw-pixel backbone at 32 × 32 (antialiased resize), and prints the AUROC of MSDE (inductive and transductive), the plain
 * Gaussian (GDE) and kNN distance, with the time to generate and write the 1000 PNGs (wall clock,
 * and CPU time of the whole process, which a busy machine inflates less).
 *
 * <p>Run: {@code ./jbang msde-bench synthetic-difficulty [--seed S]}
 */
public final class SyntheticDifficultyBenchmark {

    static final int SIDE = 32;

    private SyntheticDifficultyBenchmark() {
    }

    private static double[][] pixels(List<Sample> samples) throws IOException {
        try (RawPixelBackbone backbone = new RawPixelBackbone(Preprocessing.unnormalised(SIDE, 1))) {
            return Embedder.embed(backbone, samples.stream().map(Sample::image).toList(), Embedder.Options.defaults())
                    .toDoubles();
        }
    }

    /** @param seed seed of the generated sets */
    static void run(long seed) throws IOException {
        System.out.printf("raw pixels %d×%d, default options, seed %d, %d cores%n", SIDE, SIDE, seed,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-7s %9s %9s %12s %14s %8s %8s%n", "level", "gen wall", "gen cpu", "MSDE induct.", "MSDE transd.",
                "GDE", "kNN-5");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (RunFolder scratch = RunFolder.begin(Path.of(System.getProperty("java.io.tmpdir"), "msde4j-synthetic-bench"))) {
            for (Difficulty level : Difficulty.values()) {
                SyntheticBrainMri.Options options = SyntheticBrainMri.Options.defaults().withDifficulty(level).withSeed(seed);
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                Dataset data = SyntheticBrainMri.write(options, scratch.folder().resolve(level.name()));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
                double[][] train = pixels(data.trainNormals());
                double[][] test = pixels(data.test());
                int[] labels = Dataset.labels(data.test());
                MsdeModel model = MsdeDetector.fit(train, DetectorOptions.defaults());
                double inductive = Metrics.auroc(model.score(test), labels);
                double transductive = Metrics.auroc(model.scoreTransductive(test).scores(), labels);
                double gde = Metrics.auroc(GdeBaseline.fit(train, DetectorOptions.defaults()).score(test), labels);
                double knn = Metrics.auroc(KnnDistanceBaseline.fit(train, KnnDistanceBaseline.DEFAULT_K).score(test), labels);
                System.out.printf("%-7s %7.2f s %7.2f s %12.3f %14.3f %8.3f %8.3f%n",
                        level.name().toLowerCase(Locale.ROOT), seconds, cpuSeconds, inductive, transductive, gde, knn);
            }
        }
    }
}
