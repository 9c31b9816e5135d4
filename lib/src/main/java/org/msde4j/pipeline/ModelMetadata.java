package org.msde4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.msde4j.Version;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.Thresholds;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.embed.SkippedImage;
import org.msde4j.image.ImageProfile;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.eval.ResultsTable;
import org.msde4j.local.LocalModel;

/**
 * What a model file records about the embeddings it was fitted on (the backbone's spec, name,
 * identity and input size, the dataset, the dimension), so that {@code msde-score} embeds new images
 * the same way — and refuses to score embeddings of another backbone.
 */
public final class ModelMetadata {

    public static final String BACKBONE_SPEC = "backbone.spec";
    public static final String BACKBONE_NAME = "backbone.name";
    public static final String BACKBONE_IDENTITY = "backbone.identity";
    public static final String IMAGE_SIZE = "backbone.image_size";
    public static final String DATASET = "dataset";
    public static final String DIMENSION = "embedding.dimension";
    public static final String VERSION = "msde4j.version";
    /** The training images' {@link ImageProfile} (JSON), for flagging inputs unlike them. */
    public static final String IMAGE_PROFILE = "images.profile";
    /** For local models: the strides of the feature maps the patches came from ("4,8"; empty for TorchScript). */
    public static final String PATCH_STRIDES = "patches.strides";
    /** For local models: the identity of the patch embeddings (backbone and how patches are made). */
    public static final String PATCH_IDENTITY = "patches.identity";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetadata() {
    }

    /**
     * Metadata of a model fitted on the {@code train} embeddings of {@code dataset} by {@code backbone},
     * with the profile of the training images.
     */
    public static Map<String, String> of(String dataset, BackboneSpec.Ready backbone, EmbeddedSplit train) {
        Map<String, String> m = of(dataset, backbone, train.rows()[0].length);
        if (!train.statistics().isEmpty()) {
            m.put(IMAGE_PROFILE, ImageProfile.of(train.statistics()).toJson());
        }
        return m;
    }

    /** The profile of the images {@code model} was fitted on, if it records one. */
    public static Optional<ImageProfile> imageProfile(MsdeModel model) throws IOException {
        String json = model.metadata().get(IMAGE_PROFILE);
        return json == null ? Optional.empty() : Optional.of(ImageProfile.fromJson(json));
    }

    /** Metadata of a model fitted on embeddings of {@code dataset} by {@code backbone}. */
    public static Map<String, String> of(String dataset, BackboneSpec.Ready backbone, int dimension) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BACKBONE_SPEC, backbone.spec());
        m.put(BACKBONE_NAME, backbone.backbone().name());
        m.put(BACKBONE_IDENTITY, backbone.backbone().identity());
        m.put(IMAGE_SIZE, String.valueOf(backbone.backbone().preprocessing().size()));
        m.put(DATASET, dataset);
        m.put(DIMENSION, String.valueOf(dimension));
        m.put(VERSION, Version.current());
        return m;
    }

    /** Metadata of a local model fitted on patch embeddings of {@code dataset} made by {@code features}. */
    public static Map<String, String> of(String dataset, BackboneSpec.Ready backbone, LocalFeatures features) {
        Map<String, String> m = of(dataset, backbone, features.depth());
        m.put(PATCH_STRIDES, features.strides().stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put(PATCH_IDENTITY, features.identity());
        return m;
    }

    /**
     * Opens the backbone {@code model} was fitted with, or {@code override} when given, and checks
     * that it is the same backbone (same identity: weights and preprocessing).
     */
    public static BackboneSpec.Ready backbone(MsdeModel model, Path modelFile, BackboneSpec override, Path cache,
                                              boolean offline, PrintStream log) throws IOException {
        return backbone(model.metadata(), modelFile, override, cache, offline, log);
    }

    /**
     * The patch embeddings a local model was fitted on: its backbone (or {@code override}, which must
     * be the same) with the same feature maps.
     */
    public static LocalFeatures patches(LocalModel model, BackboneSpec.Ready ready, Path modelFile) throws IOException {
        Map<String, String> m = model.metadata();
        String strides = m.getOrDefault(PATCH_STRIDES, "");
        LocalFeatures features = strides.isEmpty() ? LocalFeatures.of(ready.backbone())
                : LocalFeatures.of(ready.backbone(), Arrays.stream(strides.split(",")).mapToInt(Integer::parseInt).toArray());
        if (!features.identity().equals(m.get(PATCH_IDENTITY))) {
            throw new IOException(modelFile + " was fitted on other patch embeddings than " + features.name()
                    + ": score with the model's own backbone (omit --backbone) or fit a model for this one.");
        }
        return features;
    }

    /** {@link #backbone(MsdeModel, Path, BackboneSpec, Path, boolean, PrintStream)} from a model's metadata. */
    public static BackboneSpec.Ready backbone(Map<String, String> m, Path modelFile, BackboneSpec override, Path cache,
                                              boolean offline, PrintStream log) throws IOException {
        String identity = m.get(BACKBONE_IDENTITY);
        if (identity == null) {
            throw new IOException(modelFile + " records no backbone (it was fitted on embeddings given as numbers, not "
                    + "images); score embeddings with MsdeModel.score in Java instead.");
        }
        BackboneSpec spec = override != null ? override : recordedBackbone(m);
        BackboneSpec.Ready ready = spec.open(m.getOrDefault(DATASET, "unknown"), List.of(), cache, offline, log);
        if (!ready.backbone().identity().equals(identity)) {
            String opened = ready.backbone().name();
            ready.close();
            throw new IOException(modelFile + " was fitted on embeddings of backbone \"" + m.get(BACKBONE_NAME)
                    + "\" (identity " + identity.substring(0, 12) + "…), but the backbone given now is \"" + opened
                    + "\" (identity " + ready.backbone().identity().substring(0, 12) + "…): scores would be meaningless. "
                    + "Score with the model's own backbone (omit --backbone) or fit a model for this backbone.");
        }
        return ready;
    }

    /**
     * The {@code run.json} of a local model's fit or scoring run: the command line as typed, versions,
     * settings, threshold and metadata, and {@code extra} entries (e.g. skipped images).
     */
    public static String runJson(List<String> command, LocalModel model, Map<String, ?> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.set("command", JSON.valueToTree(command));
        root.set("versions", JSON.valueToTree(RunManifest.versions()));
        root.put("method", model.name());
        root.set("settings", JSON.valueToTree(model.settings()));
        root.put("image_score", model.basics().imageScore().toString());
        root.put("threshold", model.threshold());
        root.set("metadata", JSON.valueToTree(model.metadata()));
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        return ResultsTable.json(root);
    }

    /** The backbone {@code model} records (as msde-fit opened it), or null when it records none. */
    public static BackboneSpec recordedBackbone(MsdeModel model) {
        return recordedBackbone(model.metadata());
    }

    /** The backbone a model's metadata records, or null when it records none. */
    public static BackboneSpec recordedBackbone(Map<String, String> m) {
        String spec = m.get(BACKBONE_SPEC);
        return spec == null ? null : BackboneSpec.parse(spec, Integer.parseInt(m.getOrDefault(IMAGE_SIZE, "0")), null,
                SelfSupervisedOptions.defaults());
    }

    /**
     * The {@code run.json} of a fit or a scoring run: the command line as typed, versions, options, fit
     * summary (with its warnings), the thresholds and where they come from, the model's metadata, and
     * {@code extra} entries (e.g. skipped images).
     */
    public static String runJson(List<String> command, MsdeModel model, Map<String, ?> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.set("command", JSON.valueToTree(command));
        root.set("versions", JSON.valueToTree(RunManifest.versions()));
        root.set("options", JSON.valueToTree(RunManifest.options(model.options())));
        root.set("summary", JSON.valueToTree(model.summary()));
        root.set("warnings", JSON.valueToTree(model.summary().warnings()));
        Thresholds t = model.thresholds();
        root.putObject("thresholds").put("inductive", t.inductiveThreshold()).put("quantile", t.quantile())
                .put("folds", t.folds()).put("source", t.describe());
        root.set("metadata", JSON.valueToTree(model.metadata()));
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        return ResultsTable.json(root);
    }

    /** Skipped images as {@code {"path": …, "reason": …}} entries for {@code run.json}. */
    public static List<Map<String, String>> skippedJson(List<SkippedImage> skipped) {
        return skipped.stream().map(s -> Map.of("path", s.name(), "reason", s.reason())).toList();
    }
}
