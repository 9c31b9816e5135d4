package org.msde4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.msde4j.data.DataCatalog;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.GramBackend;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-bench: the benchmarks of msde4j, each printing a table. */
@Command(name = "msde-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of msde4j; each prints a table with ratios against a baseline measured in the same run.",
        subcommands = {BenchCommand.Core.class, BenchCommand.Profile.class, BenchCommand.Peer.class, BenchCommand.Reuse.class, BenchCommand.Embedding.class, BenchCommand.Pneumonia.class,
                BenchCommand.Backbones.class, BenchCommand.TrainingThreads.class,
                BenchCommand.SslDefaults.class, BenchCommand.SyntheticDifficulty.class, BenchCommand.MainJob.class,
                BenchCommand.Gallery.class, BenchCommand.InductiveVariants.class, BenchCommand.StudyFigurePages.class,
                BenchCommand.ContentHash.class, BenchCommand.Spark.class, BenchCommand.FitSample.class, BenchCommand.Local.class,
                BenchCommand.LocalMaps.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("msde-bench: " + e.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "core", mixinStandardHelpOptions = true,
            description = "MSDE with the medical settings (k 50, τ 70, η 0.33, 8 iterations) on random N(0,1) data, each "
                    + "workload in a JVM of its own that measures its own float32 Gram floor: fit + transductive score "
                    + "(peak heap and RSS, exact kNN check, fit + inductive), then one fit per row count of --scale and the "
                    + "log-log slope of fit time against rows.")
    static final class Core implements Runnable {
        @Mixin
        Workload workload;
        @Mixin
        Shape shape;
        @Option(names = "--repeats", defaultValue = "3", description = "Measured repeats of fit + transductive after one warm-up; medians shown; 0 skips that workload (default: ${DEFAULT-VALUE}).")
        int repeats;
        @Option(names = "--scale", split = ",", defaultValue = "4000,16000,50000,100000",
                description = "Row counts of the single fits (-Xmx2g up to 50 000 rows, -Xmx4g above); 0 skips them (default: ${DEFAULT-VALUE}).")
        List<Integer> scale;

        @Override
        public void run() {
            MsdeBench.run(new MsdeBench.Args(workload.train, workload.test, shape.dim, repeats, shape.backend, scale));
        }
    }

    /** The fit + transductive workload of the core and peer benchmarks. */
    static final class Workload {
        @Option(names = "--train", defaultValue = "4000", description = "Training rows (default: ${DEFAULT-VALUE}).")
        int train;
        @Option(names = "--test", defaultValue = "2000", description = "Test rows (default: ${DEFAULT-VALUE}).")
        int test;
    }

    /** Options shared by the core benchmarks. */
    static final class Shape {
        @Option(names = "--dim", defaultValue = "512", description = "Features (default: ${DEFAULT-VALUE}).")
        int dim;
        @Option(names = "--backend", defaultValue = "pytorch", description = "Where kNN products run: pytorch or nd4j (default: ${DEFAULT-VALUE}).")
        String backend;
    }

    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = "Where one MSDE fit spends its time, phase by phase (weights, kNN operands, ceilings, products, "
                    + "scan, band, weighted means, PCA + Gaussian), at each row count, beside the bare float32 products of "
                    + "the same searches measured in the same run.")
    static final class Profile implements Runnable {
        @Option(names = "--rows", split = ",", defaultValue = "6000,16000,50000", description = "Row counts (default: ${DEFAULT-VALUE}).")
        List<Integer> rows;
        @Mixin
        Shape shape;

        @Override
        public void run() {
            GramBackend b = MsdeBench.backend(shape.backend);
            PhaseProfile.run(rows, shape.dim, new ExactKnn(b), new GramFloor(b), System.out);
        }
    }

    @Command(name = "peer", mixinStandardHelpOptions = true,
            description = "The authors' published MSDE code (which you fetch; see --authors-code) against msde4j in the same "
                    + "run, interleaved: their pipeline with an exact brute-force kNN and as shipped (NN-Descent), msde4j's "
                    + "fit + transductive score on the same random rows; medians and ratios. Skipped, saying what to do, "
                    + "when the code or its Python packages are missing.")
    static final class Peer implements Callable<Integer> {
        @Option(names = "--authors-code", required = true, description = "Folder of the authors' medical MSDE repository (with msde/msde.py).")
        Path authorsCode;
        @Option(names = "--python", defaultValue = "python3", description = "Python interpreter (default: ${DEFAULT-VALUE}).")
        String python;
        @Mixin
        Workload workload;
        @Option(names = "--dim", defaultValue = "512", description = "Features (default: ${DEFAULT-VALUE}).")
        int dim;
        @Option(names = "--repeats", defaultValue = "3", description = "Interleaved repeats (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
            PeerBench.run(authorsCode, python, workload.train, workload.test, dim, repeats, System.out);
            return 0;
        }
    }

    @Command(name = "knn-reuse", mixinStandardHelpOptions = true,
            description = "On real embeddings (.npy, e.g. from msde-embed --out; trailing axes as features), how many rows keep "
                    + "their neighbour set from one shift iteration to the next, and for how many the triangle inequality "
                    + "certifies it without a search.")
    static final class Reuse implements Callable<Integer> {
        @Parameters(paramLabel = "NPY", description = "Embeddings, rows × features (or rows × … × features).")
        Path npy;
        @Option(names = "--rows", defaultValue = "20000", description = "Rows used at most, a strided sample (default: ${DEFAULT-VALUE}).")
        int rows;

        @Override
        public Integer call() throws Exception {
            NeighbourReuse.run(npy, rows, System.out);
            return 0;
        }
    }

    @Command(name = "embedding", mixinStandardHelpOptions = true,
            description = "Images/s of a ResNet-18-sized TorchScript at 224 px, batch 32, through msde4j and through a bare DJL "
                    + "Predictor on the same model; then memory while embedding many PNG files. Make the model with "
                    + "scripts/dev/make-test-torchscript.py resnet18 FILE.")
    static final class Embedding implements Callable<Integer> {
        @Parameters(paramLabel = "MODEL", description = "ResNet-18-sized TorchScript file.")
        Path model;
        @Option(names = "--rounds", defaultValue = "5", description = "Paired throughput rounds (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--memory-images", defaultValue = "10000", description = "PNG files embedded for the memory part; 0 skips it (default: ${DEFAULT-VALUE}).")
        int memoryImages;

        @Override
        public Integer call() throws Exception {
            EmbeddingThroughputBench.run(model, rounds, memoryImages);
            return 0;
        }
    }

    @Command(name = "pneumonia", mixinStandardHelpOptions = true,
            description = "PneumoniaMNIST (normal training images → whole test split): self-supervised backbone + MSDE, the "
                    + "same without MSDE, untrained network, raw pixels.")
    static final class Pneumonia implements Callable<Integer> {
        @Option(names = "--npz", defaultValue = "../shared/data/pneumoniamnist-balanced.npz", description = "The MedMNIST file (default: ${DEFAULT-VALUE}).")
        Path npz;
        @Option(names = "--epochs", description = "Training epochs of the backbone (default: its default).")
        Integer epochs;

        @Override
        public Integer call() throws Exception {
            PneumoniaEmbeddingsBench.run(npz, epochs);
            return 0;
        }
    }

    @Command(name = "backbones", mixinStandardHelpOptions = true,
            description = "The default self-supervised backbone, the same sized to the data, denoising read out on several scales, the untrained network and raw pixels (64 and 16 px) on one dataset: "
                    + "AUROC/AP of MSDE (transductive, inductive), GDE and kNN-5, training time, peak memory, label-free check.")
    static final class Backbones implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET", description = "synthetic (the generated brain-MRI set) or a MedMNIST .npz file.")
        String dataset;
        @Option(names = "--eval-split", defaultValue = "test", split = ",", description = "Splits scored, each by the same trained backbones: test, val or val,test (default: ${DEFAULT-VALUE}).")
        List<String> splits;
        @Option(names = "--normals", defaultValue = "0", description = "A seeded subset of this many normal training images; 0 = all (default: ${DEFAULT-VALUE}).")
        int normals;
        @Option(names = "--threads", defaultValue = "0", description = "libtorch threads of the trainings; 0 = one per core (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--only", split = ",", description = "Only these: DEFAULT, SIZED, DENOISING, DENOISING_128, UNTRAINED, PIXELS_64, PIXELS_16 (default: all).")
        List<BackbonesBench.Candidate> only;
        @Option(names = "--keep", description = "Folder that keeps the trained backbones; a later run with the same training settings scores them again instead of training (default: a temporary folder).")
        Path keep;

        @Override
        public Integer call() throws Exception {
            BackbonesBench.run(dataset, splits, normals, threads,
                    only == null ? List.of(BackbonesBench.Candidate.values()) : only, keep);
            return 0;
        }
    }

    @Command(name = "training-threads", mixinStandardHelpOptions = true,
            description = "Training images/s of the default self-supervised backbone with 1 and 2 libtorch threads, "
                    + "alternating, and the weights' hash of every run (repeatability per thread count).")
    static final class TrainingThreads implements Callable<Integer> {
        @Option(names = "--images", defaultValue = "256", description = "Synthetic normal training images (default: ${DEFAULT-VALUE}).")
        int images;
        @Option(names = "--epochs", defaultValue = "3", description = "Epochs per training (default: ${DEFAULT-VALUE}).")
        int epochs;
        @Option(names = "--rounds", defaultValue = "2", description = "Rounds, each training once per thread count (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            TrainingThreadsBench.run(images, epochs, rounds);
            return 0;
        }
    }

    @Command(name = "ssl-defaults", mixinStandardHelpOptions = true,
            description = "Self-supervised training settings on the synthetic brain-MRI set: wall and CPU time, final pretext "
                    + "loss, GDE AUROC. Epochs 0 = the untrained network.")
    static final class SslDefaults implements Callable<Integer> {
        @Parameters(paramLabel = "SIZE:WIDTH:EPOCHS", arity = "1..*", description = "Settings to try, e.g. 64:16:0 64:16:30.")
        List<String> settings;

        @Override
        public Integer call() throws Exception {
            SelfSupervisedDefaultsBench.run(settings);
            return 0;
        }
    }

    @Command(name = "synthetic-difficulty", mixinStandardHelpOptions = true,
            description = "AUROC of raw pixels (32×32) through MSDE, GDE and kNN on each difficulty of the synthetic set, and "
                    + "the time to generate 1000 images.")
    static final class SyntheticDifficulty implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            SyntheticDifficultyBenchmark.run(seed);
            return 0;
        }
    }

    @Command(name = "main-job", mixinStandardHelpOptions = true,
            description = "Wall time of ./jbang msde-eval (no arguments) in a fresh clone, with fresh data and cache folders.")
    static final class MainJob implements Callable<Integer> {
        @Option(names = "--repo", defaultValue = ".", description = "The repository to clone (default: ${DEFAULT-VALUE}).")
        Path repo;
        @Option(names = "--repeats", defaultValue = "1", description = "Runs (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
            MainJobBench.run(repo, repeats);
            return 0;
        }
    }

    @Command(name = "synthetic-gallery", mixinStandardHelpOptions = true,
            description = "Writes the picture grid of normal and abnormal synthetic slices (docs/synthetic-brain-mri.png).")
    static final class Gallery implements Callable<Integer> {
        @Parameters(paramLabel = "PNG", defaultValue = "docs/synthetic-brain-mri.png", description = "Output file (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            SyntheticGallery.run(out);
            return 0;
        }
    }

    @Command(name = "inductive-variants", mixinStandardHelpOptions = true,
            description = "Deployable (inductive) ways to score with a fitted MSDE model — the library's, its summed "
                    + "displacement, a replay of the fit trajectory, no shift of the test image — against GDE, kNN and "
                    + "transductive MSDE on one dataset: AUROC/AP with 95 %% intervals. Reuses the backbone and embeddings "
                    + "msde-eval cached (run msde-eval on the same dataset and backbone first); never uses the network.")
    static final class InductiveVariants implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET", defaultValue = "synthetic-brain-mri", description = "Dataset id (default: ${DEFAULT-VALUE}); ignored with --npz.")
        String id;
        @Option(names = "--npz", description = "A MedMNIST .npz file instead of a dataset id.")
        Path npz;
        @Option(names = "--backbone", defaultValue = "ssl", description = "ssl (the default self-supervised backbone, trained by msde-eval) or pixels (default: ${DEFAULT-VALUE}).")
        String backbone;
        @Option(names = "--data-root", description = "Folder of the catalog's datasets (default: -Dmsde4j.data, $MSDE4J_DATA or ~/.msde4j/data).")
        Path dataRoot;
        @Option(names = "--cache", description = "Folder of cached backbones and embeddings (default: $MSDE4J_CACHE or ~/.msde4j/cache).")
        Path cache;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the weight batches and the bootstrap (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            String env = System.getenv("MSDE4J_CACHE");
            Path cacheDir = cache != null ? cache
                    : env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".msde4j", "cache");
            InductiveVariantsBench.run(npz != null ? DatasetSpec.npz(npz) : DatasetSpec.id(id),
                    BackboneSpec.parse(backbone, 0, null, SelfSupervisedOptions.defaults()),
                    dataRoot == null ? DataCatalog.builtIn() : DataCatalog.builtIn(dataRoot), cacheDir, seed, System.out);
            return 0;
        }
    }

    @Command(name = "study-figures", mixinStandardHelpOptions = true,
            description = "Writes the deployment-study figures of msde-eval runs (--prevalence, --batch-size) as one small "
                    + "HTML page per run and setting, AUROC and AP side by side, for screenshots.")
    static final class StudyFigurePages implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", arity = "1..*", description = "Output folders of msde-eval runs (each with summary.json).")
        List<Path> runs;
        @Option(names = "--out", required = true, description = "Folder for the pages.")
        Path out;

        @Override
        public Integer call() throws Exception {
            StudyFigures.write(runs, out, System.out);
            return 0;
        }
    }

    @Command(name = "content-hash", mixinStandardHelpOptions = true,
            description = "What keying the embedding cache by content costs: SHA-256 of every image file (first run) and "
                    + "the size-and-times check (later runs), against embedding the same PNG files, same run.")
    static final class ContentHash implements Callable<Integer> {
        @Option(names = "--images", defaultValue = "600", description = "PNG files (default: ${DEFAULT-VALUE}, the default dataset's training set).")
        int images;
        @Option(names = "--size", defaultValue = "128", description = "Image side in px (default: ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            ContentHashBench.run(images, size, rounds);
            return 0;
        }
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = "Images/s of ./jbang msde-spark-score on local[2] against ./jbang msde-score on the same synthetic "
                    + "images, whole runs in alternating order, with the machine's load around each; the two jobs' scores "
                    + "compared. Hold the ~/.m2 lock or use a private Maven repository: both one-liners run through ./jbang.")
    static final class Spark implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "Model file from msde-fit (its backbone is what both jobs run).")
        Path model;
        @Option(names = "--images", defaultValue = "10000", description = "Images to score (default: ${DEFAULT-VALUE}).")
        int images;
        @Option(names = "--pairs", defaultValue = "1", description = "Timed pairs of runs (default: ${DEFAULT-VALUE}).")
        int pairs;
        @Option(names = "--repo", defaultValue = ".", description = "The checkout whose ./jbang runs the jobs (default: ${DEFAULT-VALUE}).")
        Path repo;

        @Override
        public Integer call() throws Exception {
            SparkScoreBench.run(repo, model.toAbsolutePath(), images, pairs);
            return 0;
        }
    }

    @Command(name = "fit-sample", mixinStandardHelpOptions = true,
            description = "AUROC of MSDE (inductive) fitted on seeded samples of N normal training images, as msde-fit --sample "
                    + "draws them, for several N and seeds; the backbone is fixed (trained once on all normals, or pixels), so "
                    + "only the fit sees the sample. Scores the dataset's test split.")
    static final class FitSample implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET", defaultValue = "synthetic-brain-mri", description = "Dataset id (default: ${DEFAULT-VALUE}); ignored with --npz.")
        String id;
        @Option(names = "--npz", description = "A MedMNIST .npz file instead of a dataset id.")
        Path npz;
        @Option(names = "--backbone", defaultValue = "pixels", description = "pixels, ssl (trained once on all normal training images) or ssl:DIR (default: ${DEFAULT-VALUE}).")
        String backbone;
        @Option(names = "--sizes", split = ",", required = true, description = "Sample sizes N, e.g. 100,200,400.")
        List<Integer> sizes;
        @Option(names = "--seeds", defaultValue = "5", description = "Samples per N (seeds 1…S) (default: ${DEFAULT-VALUE}).")
        int seeds;
        @Option(names = "--data-root", description = "Folder of the catalog's datasets (default: -Dmsde4j.data, $MSDE4J_DATA or ~/.msde4j/data).")
        Path dataRoot;
        @Option(names = "--cache", description = "Folder of cached backbones and embeddings (default: $MSDE4J_CACHE or ~/.msde4j/cache).")
        Path cache;

        @Override
        public Integer call() throws Exception {
            FitSampleBench.run(npz != null ? DatasetSpec.npz(npz) : DatasetSpec.id(id),
                    BackboneSpec.parse(backbone, 0, null, SelfSupervisedOptions.defaults()),
                    dataRoot == null ? DataCatalog.builtIn() : DataCatalog.builtIn(dataRoot),
                    cache != null ? cache : EmbeddedDataset.defaultCache(), sizes, seeds, System.out);
            return 0;
        }
    }

    @Command(name = "local", mixinStandardHelpOptions = true,
            description = "Local methods (PatchCore, PaDiM, MSDE on patches) on the synthetic brain-MRI set, 1000 + 600 images "
                    + "at 128 px by default: patch embeddings, fit and score per method, resident-memory peak, against a bare "
                    + "matrix product timed in the same run. The backbone is trained once beforehand and not timed.")
    static final class Local implements Callable<Integer> {
        @Option(names = "--train", defaultValue = "1000", description = "Normal training images (default: ${DEFAULT-VALUE}).")
        int train;
        @Option(names = "--test", defaultValue = "600", description = "Test images, half with tumours (default: ${DEFAULT-VALUE}).")
        int test;
        @Option(names = "--backbone", defaultValue = "ssl", description = "Backbone as msde-eval takes it (default: ${DEFAULT-VALUE}).")
        String backbone;
        @Option(names = "--image-size", defaultValue = "0", description = "Backbone input size; 0 = its default (default: ${DEFAULT-VALUE}).")
        int imageSize;
        @Option(names = "--methods", defaultValue = "patchcore,padim,msde-patch", description = "Local methods to time (default: ${DEFAULT-VALUE}).")
        String methods;
        @Option(names = "--work", description = "Folder for the generated images, the backbone and scratch embeddings (default: ~/.msde4j/bench-local).")
        Path work;

        @Override
        public Integer call() throws Exception {
            Path folder = work != null ? work : Path.of(System.getProperty("user.home"), ".msde4j", "bench-local");
            Files.createDirectories(folder);
            LocalBench.run(new LocalBench.Args(train, test, backbone, imageSize,
                    org.msde4j.pipeline.LocalMethods.parse(methods, "--methods"), folder), System.out);
            return 0;
        }
    }

    @Command(name = "local-gallery", mixinStandardHelpOptions = true,
            description = "The picture of docs/localisation.md: the most anomalous synthetic test images beside their anomaly "
                    + "maps, one row per local method (default backbone).")
    static final class LocalMaps implements Callable<Integer> {
        @Parameters(paramLabel = "PNG", arity = "0..1", defaultValue = "docs/localisation-maps.png", description = "Output file (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            LocalGallery.write(out);
            return 0;
        }
    }
}
