// Shared command-line options of the msde4j scripts (included with //SOURCES common/Cli.java).

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.data.DataCatalog;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.Pretext;
import org.msde4j.embed.Readout;
import org.msde4j.embed.ResNetArchitecture;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.io.OutputRules;
import org.msde4j.io.RunFolder;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.msde.RowOrder;
import org.msde4j.msde.WeightRule;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedDataset;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Runs a picocli command: errors print as one line "NAME: message" and exit with 1; usage errors exit with 2. */
final class Cli {
    private static final List<String> COMMAND_LINE = new ArrayList<>();

    private Cli() {
    }

    static void run(String name, Object command, String[] args) {
        COMMAND_LINE.add(name);
        COMMAND_LINE.addAll(List.of(args));
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(RowOrder.class, RowOrder::named)
                .registerConverter(SelfSupervisedOptions.Preset.class, SelfSupervisedOptions.Preset::named)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("MSDE4J_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
        System.exit(cl.execute(args));
    }

    /** The command as the user typed it (alias and arguments), for run.json. */
    static List<String> commandLine() {
        return List.copyOf(COMMAND_LINE);
    }

    /** A default output folder: runs/PREFIX-yyyyMMdd-HHmmss, with -2, -3, … when another run has that name. */
    static Path defaultOut(String prefix) throws IOException {
        return RunFolder.unused(Path.of("runs", prefix + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }
}

/** Whether an earlier msde4j run in --out may be replaced. */
class OverwriteMixin {
    @Option(names = "--overwrite", description = "Replace the files of an earlier msde4j run in --out (other files there are kept). "
            + "Without it an existing --out is refused; a folder msde4j did not write is always refused.")
    boolean overwrite;

    /** The output rules of a run, before its inputs are added. */
    OutputRules rules() {
        return new OutputRules(overwrite, List.of());
    }
}

/** --skip-bad-images. */
class BadImagesMixin {
    @Option(names = "--skip-bad-images", description = "Skip unreadable images and report them (output and run.json), instead of failing.")
    boolean skip;

    BadImagePolicy policy() {
        return skip ? BadImagePolicy.SKIP : BadImagePolicy.FAIL;
    }
}

/** The detector's settings; each default is the library's ({@link DetectorOptions#defaults()}). */
class DetectorOptionsMixin {
    private static final DetectorOptions DEFAULTS = DetectorOptions.defaults();

    @Option(names = "--k", description = "Neighbours per shift step, the point itself included (default: ${DEFAULT-VALUE}).")
    int k = DEFAULTS.msde().k();
    @Option(names = "--tau", description = "Neighbour-count threshold τ of the density weights (default: ${DEFAULT-VALUE}).")
    int tau = DEFAULTS.msde().tau();
    @Option(names = "--eta", description = "Step size η of the shift (default: ${DEFAULT-VALUE}).")
    double eta = DEFAULTS.msde().eta();
    @Option(names = "--iterations", description = "Shift iterations at most (default: ${DEFAULT-VALUE}).")
    int iterations = DEFAULTS.msde().maxIterations();
    @Option(names = "--tolerance", description = "Stop when the mean displacement falls below this (default: ${DEFAULT-VALUE}).")
    double tolerance = DEFAULTS.msde().tolerance();
    @Option(names = "--weights", description = "Density-weight rule: count (corrected) or reference (the authors' shipped index-sum rule) (default: ${DEFAULT-VALUE}).")
    WeightRule weights = DEFAULTS.msde().weightRule();
    @Option(names = "--row-order", description = "Rows into weight batches: shuffled (with --seed) or as-given (reproduction) (default: ${DEFAULT-VALUE}).")
    RowOrder rowOrder = DEFAULTS.msde().rowOrder();
    @Option(names = "--pca", description = "PCA components; 0 = min(256, d, n−1) as in the paper (default: ${DEFAULT-VALUE}).")
    int pca = DEFAULTS.pcaComponents();
    @Option(names = "--ridge", description = "Added to the covariance diagonal (default: ${DEFAULT-VALUE}).")
    double ridge = DEFAULTS.ridge();
    @Option(names = "--threshold-quantile", description = "Quantile q of the training images' out-of-fold scores used as the decision threshold: about 1 − q of new normal images are flagged (default: ${DEFAULT-VALUE}).")
    double thresholdQuantile = DEFAULTS.thresholdQuantile();
    @Option(names = "--threshold-folds", description = "Folds of the cross-fitting that gives those out-of-fold scores (more for small training sets); 0 = in-sample threshold, faster but biased (default: ${DEFAULT-VALUE}).")
    int thresholdFolds = DEFAULTS.thresholdFolds();
    @Option(names = "--seed", description = "Seed of every random choice: batches, bootstrap, folder splits (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.msde().seed();

    DetectorOptions detector() {
        MsdeOptions m = new MsdeOptions(k, tau, eta, iterations, tolerance, weights, rowOrder, seed);
        return new DetectorOptions(m, pca, ridge, thresholdQuantile, thresholdFolds);
    }
}

/** Where the images come from. */
class DataMixin {
    @Option(names = "--folder", description = "A folder with normal/ and abnormal/ sub-folders (anomalib's Folder layout; 20 %% of the normals held out for testing), optionally masks/ with the abnormal images' ground-truth masks (same names, or NAME_mask).")
    Path folder;
    @Option(names = "--npz", description = "A MedMNIST .npz file (label 0 normal; train split = normal training images, test split = whole test split).")
    Path npz;
    @Option(names = "--list", description = "A CSV file with columns path,split,label and optionally mask (split train|test, label 0 normal / 1 anomaly, mask a ground-truth image or empty; relative paths from the CSV's folder).")
    Path list;
    @Option(names = "--data-root", description = "Folder of the catalog's datasets (default: -Dmsde4j.data, $MSDE4J_DATA or ~/.msde4j/data).")
    Path dataRoot;
    @Option(names = "--test-split", defaultValue = "test", description = "For --npz: the arrays scored as the test split, test or val (the validation arrays, to tune settings without looking at the test set) (default: ${DEFAULT-VALUE}).")
    String testSplit;

    /** A loaded dataset and how it was named. */
    record Loaded(DatasetSpec spec, org.msde4j.data.Dataset dataset) {
    }

    /** The one dataset a command works on: an id, or one of the file options (the synthetic set when none). */
    DatasetSpec oneSpec(String id) throws java.io.IOException {
        List<DatasetSpec> specs = datasets(id == null ? List.of() : List.of(id));
        if (specs.size() != 1) {
            throw new IllegalArgumentException("give one dataset: an id, --folder, --npz or --list (got " + specs.size() + ").");
        }
        return specs.get(0);
    }

    /** {@link #oneSpec}, loaded. */
    Loaded one(String id, long seed) throws java.io.IOException {
        DatasetSpec spec = oneSpec(id);
        return new Loaded(spec, spec.load(catalog(), seed, System.out::println));
    }

    DataCatalog catalog() throws java.io.IOException {
        return dataRoot == null ? DataCatalog.builtIn() : DataCatalog.builtIn(dataRoot);
    }

    /** The datasets named by ids (or "all" present locally) and the file options; the synthetic set when none. */
    List<DatasetSpec> datasets(List<String> ids) throws java.io.IOException {
        List<DatasetSpec> out = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id.equals("all")) {
                DataCatalog c = catalog();
                for (var s : c.list()) {
                    if (s.complete()) {
                        out.add(DatasetSpec.id(s.id()));
                    }
                }
            } else {
                catalog().manifest(id);
                out.add(DatasetSpec.id(id));
            }
        }
        if (folder != null) {
            out.add(DatasetSpec.folder(folder));
        }
        if (npz != null) {
            out.add(DatasetSpec.npz(npz).withTestSplit(testSplit));
        } else if (!testSplit.equals("test")) {
            throw new IllegalArgumentException("option --test-split " + testSplit + " applies to a MedMNIST file (--npz) only.");
        }
        if (list != null) {
            out.add(DatasetSpec.csv(list));
        }
        if (out.isEmpty()) {
            out.add(DatasetSpec.id(DatasetSpec.SYNTHETIC));
        }
        return out;
    }
}

/** Where backbones, models and embeddings are cached, and whether the network may be used. */
class CacheMixin {
    @Option(names = "--cache", description = "Folder of cached backbones, models and embeddings (default: $MSDE4J_CACHE or ~/.msde4j/cache).")
    Path cache;
    @Option(names = "--offline", description = "Never use the network (downloads fail with the path where the file was expected).")
    boolean offline;

    Path cache() {
        return cache != null ? cache : EmbeddedDataset.defaultCache();
    }
}

/** Which backbone embeds the images, and where models and embeddings are cached. */
class BackboneMixin {
    private static final SelfSupervisedOptions DEFAULTS = SelfSupervisedOptions.defaults();

    @Option(names = "--backbone", defaultValue = "ssl", description = "ssl (trained on the normal training images, once; under " + SelfSupervisedOptions.FEW_NORMALS + " of them raw pixels at " + BackboneSpec.AUTO_PIXELS_SIZE + " px unless a training option is given), ssl:DIR (trained before), torchscript:PATH_OR_URL, pixels, or auto (ssl or raw pixels, whichever the label-free check puts ahead) (default: ${DEFAULT-VALUE}).")
    String backbone;
    @Option(names = "--image-size", defaultValue = "0", description = "Input size of the backbone; 0 = its default (ssl " + SelfSupervisedOptions.DEFAULT_INPUT_SIZE + ", or " + SelfSupervisedOptions.DENOISING_INPUT_SIZE + " with --ssl-pretext denoising; torchscript 224; pixels " + BackboneSpec.PIXELS_SIZE + ") (default: ${DEFAULT-VALUE}).")
    int imageSize;
    @Option(names = "--backbone-sha256", description = "Expected SHA-256 of a TorchScript file given by URL.")
    String sha256;
    @Option(names = "--ssl-preset", description = "Training of the self-supervised backbone: none (30 epochs, whatever the number of images), or sized to the number of normal images: fast (about 300 updates) or sized (about 600) (default: none).")
    SelfSupervisedOptions.Preset sslPreset;
    @Option(names = "--ssl-epochs", description = "Training epochs of the self-supervised backbone at most, instead of the preset's.")
    Integer sslEpochs;
    @Option(names = "--train-minutes", description = "Time budget of the self-supervised training: the epochs are cut to what fits at the speed measured now, so weights then depend on the machine's load; 0 = none (default: ${DEFAULT-VALUE}).")
    double trainMinutes = DEFAULTS.minutes();
    @Option(names = "--ssl-width", description = "Channels of the first stage of the self-supervised ResNet-18, a multiple of 16; 64 is its full width (default: ${DEFAULT-VALUE}).")
    int sslWidth = DEFAULTS.architecture().width();
    @Option(names = "--ssl-pretext", defaultValue = "anatpaste", description = "Pretext of the self-supervised backbone: anatpaste or cutpaste (local, sharp-edged changes, e.g. the synthetic tumours), or denoising (diffuse changes, e.g. chest X-rays; read out on three scales from 128 px unless --ssl-readout or --image-size say otherwise; slower); see docs/embeddings.md (default: ${DEFAULT-VALUE}).")
    String sslPretext;
    @Option(names = "--ssl-readout", description = "Feature maps of the self-supervised embedding: stage s pooled on a g × g grid is sSgG, joined by +, e.g. s2g4+s3g2+s4g1 (default: the pretext's: " + SelfSupervisedOptions.GLOBAL + " for anatpaste and cutpaste, " + SelfSupervisedOptions.MULTI_SCALE + " for denoising).")
    String sslReadout;
    @picocli.CommandLine.Mixin
    CacheMixin storage;

    BackboneSpec spec() {
        SelfSupervisedOptions ssl = SelfSupervisedOptions.defaultsFor(Pretext.named(sslPretext))
                .withArchitecture(ResNetArchitecture.resnet18Width(sslWidth)).withMinutes(trainMinutes);
        if (sslReadout != null) {
            ssl = ssl.withReadout(Readout.parse(sslReadout));
        }
        BackboneSpec spec = sslEpochs == null ? BackboneSpec.parse(backbone, imageSize, sha256, ssl).withPreset(sslPreset)
                : BackboneSpec.parse(backbone, imageSize, sha256, ssl.withEpochs(sslEpochs));
        return sslEpochs != null || sslPreset != null || trainMinutes > 0 ? spec.trainingOnFewNormals() : spec;
    }

    Path cache() {
        return storage.cache();
    }

    boolean offline() {
        return storage.offline;
    }
}

/** Which local (patch) methods run, and how a map becomes an image score. */
class LocalMixin {
    @Option(names = "--top-k", defaultValue = "1", description = "Local methods: the image score is the mean of the k largest patch scores; 1 = the maximum (default: ${DEFAULT-VALUE}).")
    int topK;

    org.msde4j.local.ImageScore imageScore() {
        return new org.msde4j.local.ImageScore(topK);
    }
}
