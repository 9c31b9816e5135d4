///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.LocalEvaluation;
import org.msde4j.detect.ScoringMode;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.pipeline.EvalPipeline;
import org.msde4j.pipeline.LocalMethods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-eval: fit + score + metrics for datasets, MSDE against the baselines, with a table and a report. */
@Command(name = "msde-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits MSDE and the baselines (GDE without MSDE, kNN distance) on the normal training images of each dataset, "
                + "scores its test split, prints AUROC/AP with 95 %% bootstrap intervals and writes results.csv, results.md, "
                + "summary.json, report.html and run.json into --out.",
                "With no dataset it runs the embedded default: the synthetic brain-MRI set (generated once) with the "
                        + "self-supervised backbone (trained once)."})
public class MsdeEval implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", arity = "0..*",
            description = "Dataset ids of data-manifest/datasets (see msde-data list), or all (every complete one). Default: synthetic-brain-mri.")
    List<String> ids;
    @Mixin
    DataMixin data;
    @Mixin
    BackboneMixin backbone;
    @Mixin
    DetectorOptionsMixin detector;
    @Option(names = "--mode", description = "Only this MSDE scoring mode: transductive or inductive (default: both).")
    ScoringMode mode;
    @Option(names = "--local", defaultValue = "auto", description = "Local methods on patch embeddings, which also draw anomaly maps and, with masks, measure pixel AUROC and AUPRO: patchcore, padim, msde-patch, msde-patch-transductive, all or none, comma-separated; auto = padim where the backbone has feature maps (none for pixels) (default: ${DEFAULT-VALUE}).")
    String local;
    @Mixin
    LocalMixin localOptions;
    @Option(names = "--knn-k", defaultValue = "5", description = "Neighbours of the kNN-distance baseline (default: ${DEFAULT-VALUE}).")
    int knnK;
    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap replicates of the 95 %% intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;
    @Option(names = "--prevalence", split = ",", description = "Also score test subsets with these anomaly fractions, e.g. 0.01,0.05,0.1,0.5 (all normals kept, anomalies drawn).")
    double[] prevalence;
    @Option(names = "--batch-size", split = ",", description = "Also score the test set in independent transductive batches of these sizes, e.g. 1,10,100.")
    int[] batchSize;
    @Option(names = "--repeats", defaultValue = "5", description = "Random draws per --prevalence / --batch-size setting (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--extra-baselines", split = ",", defaultValue = "none", description = "Extra image-level baselines from other libraries, comma-separated: ocsvm (Tribuo's one-class SVM, RBF, nu 0.1, gamma 1/d) or none (default: ${DEFAULT-VALUE}).")
    List<String> extraBaselines;
    @Mixin
    BadImagesMixin badImages;
    @Option(names = "--out", description = "Output folder, written all at once; a new folder, or an earlier run's with --overwrite (default: runs/eval-DATE-TIME).")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-eval", new MsdeEval(), args);
    }

    @Override
    public Integer call() throws Exception {
        Set<BuiltInMethod> methods = EnumSet.copyOf(BuiltInMethod.global());
        if (mode != null) {
            methods.remove(mode == ScoringMode.TRANSDUCTIVE ? BuiltInMethod.MSDE_INDUCTIVE : BuiltInMethod.MSDE_TRANSDUCTIVE);
        }
        Evaluation.Settings settings = new Evaluation.Settings(detector.detector(), methods, knnK, bootstrap, detector.seed);
        settings = settings.withExtra(Evaluation.extraBaselines(extraBaselines, "--extra-baselines"));
        DeploymentStudy.Plan study = prevalence == null && batchSize == null ? DeploymentStudy.Plan.NONE
                : new DeploymentStudy.Plan(prevalence == null ? new double[0] : prevalence,
                        batchSize == null ? new int[0] : batchSize, repeats);
        LocalEvaluation.Settings localSettings = LocalMethods.settings(LocalMethods.parse(local, "--local"),
                localOptions.imageScore(), detector.detector().msde(), bootstrap, detector.seed)
                .withOptional(LocalMethods.isAuto(local));
        EvalPipeline.Request request = EvalPipeline.Request.of(data.datasets(ids), backbone.spec(), data.catalog(),
                        out == null ? Cli.defaultOut("eval") : out)
                .withSettings(settings).withStudy(study).withCache(backbone.cache()).withBadImages(badImages.policy())
                .withOffline(backbone.offline()).withCommandLine(Cli.commandLine()).withOverwrite(output.overwrite)
                .withLocal(localSettings);
        EvalPipeline.run(request, System.out);
        return 0;
    }
}
