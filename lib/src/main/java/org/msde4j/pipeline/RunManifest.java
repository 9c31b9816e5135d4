package org.msde4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.Version;
import org.msde4j.data.Sample;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.embed.PortableKernels;
import org.msde4j.io.Sha256;
import org.msde4j.knn.ExactKnn;
import org.msde4j.msde.MsdeOptions;

/**
 * The record of a run ({@code run.json}): the command, every option, the versions of msde4j, Java,
 * DJL and libtorch, the backbone's identity, a hash of each dataset's sample list, and timings.
 */
public final class RunManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunManifest() {
    }

    /** Versions of the software that produced a result. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("msde4j", Version.current());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        try {
            v.put("djl", ai.djl.engine.Engine.getDjlVersion());
            v.put("pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        } catch (RuntimeException | LinkageError e) {
            v.put("pytorch", "unavailable (" + e.getMessage() + ")");
        }
        v.put("knn backend", ExactKnn.withFastestBackend().backendName());
        v.put("cpu kernels", PortableKernels.describe(System.getenv()));
        return v;
    }

    /** The detector options as name–value pairs. */
    public static Map<String, String> options(DetectorOptions o) {
        MsdeOptions m = o.msde();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("k", String.valueOf(m.k()));
        v.put("tau", String.valueOf(m.tau()));
        v.put("eta", String.valueOf(m.eta()));
        v.put("iterations", String.valueOf(m.maxIterations()));
        v.put("tolerance", String.valueOf(m.tolerance()));
        v.put("weights", m.weightRule().name().toLowerCase(Locale.ROOT));
        v.put("row order", m.rowOrder().key());
        v.put("seed", String.valueOf(m.seed()));
        v.put("pca", o.pcaComponents() == DetectorOptions.PCA_AUTO ? "min(256, d, n−1)" : String.valueOf(o.pcaComponents()));
        v.put("ridge", String.valueOf(o.ridge()));
        v.put("threshold quantile", String.valueOf(o.thresholdQuantile()));
        v.put("threshold folds", o.thresholdFolds() == 0 ? "0 (in-sample)" : String.valueOf(o.thresholdFolds()));
        return v;
    }

    /** SHA-256 of a dataset's sample list: ids, splits and labels in order. */
    public static String dataHash(List<Sample> samples) {
        StringBuilder s = new StringBuilder();
        for (Sample x : samples) {
            s.append(x.id()).append('\t').append(x.split()).append('\t').append(x.label()).append('\n');
        }
        return Sha256.of(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode of(EvalPipeline.Request r, List<EvalPipeline.DatasetRun> runs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("finished", Instant.now().toString());
        ArrayNode cmd = root.putArray("command");
        r.commandLine().forEach(cmd::add);
        root.set("versions", JSON.valueToTree(versions()));
        ObjectNode opts = root.putObject("options");
        options(r.settings().detector()).forEach(opts::put);
        ArrayNode methods = opts.putArray("methods");
        r.settings().methods().forEach(m -> methods.add(m.name()));
        opts.put("knn baseline k", r.settings().knnK()).put("bootstrap replicates", r.settings().replicates())
                .put("evaluation seed", r.settings().seed()).put("backbone", r.backbone().toString())
                .put("image size", r.backbone().imageSize()).put("bad images", r.onBadImage().name())
                .put("cache", r.cache().toAbsolutePath().toString());
        ObjectNode study = opts.putObject("study");
        ArrayNode p = study.putArray("prevalence");
        for (double x : r.study().prevalences()) {
            p.add(x);
        }
        ArrayNode b = study.putArray("batch size");
        for (int x : r.study().batchSizes()) {
            b.add(x);
        }
        study.put("repeats", r.study().repeats());
        ObjectNode local = opts.putObject("local");
        ArrayNode localMethods = local.putArray("methods");
        r.local().methods().stream().sorted().forEach(m -> localMethods.add(m.name()));
        local.put("only where the backbone has feature maps", r.local().optional());
        local.set("patchcore", JSON.valueToTree(r.local().patchCore().settings()));
        local.set("padim", JSON.valueToTree(r.local().padim().settings()));
        local.set("msde on patches", JSON.valueToTree(r.local().patchMsde().settings()));
        local.put("image score", r.local().padim().imageScore().toString());
        ArrayNode datasets = root.putArray("datasets");
        for (EvalPipeline.DatasetRun d : runs) {
            ObjectNode o = datasets.addObject();
            o.put("name", d.name()).put("data_hash", dataHash(d.dataset().samples()))
                    .put("counts", d.dataset().counts().toString());
            o.putObject("backbone").put("spec", d.backboneSpec()).put("name", d.backboneName())
                    .put("identity", d.backboneIdentity());
            ObjectNode t = o.putObject("seconds");
            d.seconds().forEach(t::put);
            if (d.local() != null) {
                o.put("patches", d.local().features());
            }
            ArrayNode skipped = o.putArray("skipped_images");
            d.train().skipped().forEach(s -> skipped.add(s.name() + ": " + s.reason()));
            d.test().skipped().forEach(s -> skipped.add(s.name() + ": " + s.reason()));
            ArrayNode warnings = o.putArray("warnings");
            d.warnings().forEach(warnings::add);
        }
        return root;
    }
}
