package org.msde4j.embed;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msde4j.io.Sha256;

/**
 * Local (patch) embeddings of a backbone: its intermediate feature maps turned into one vector per
 * position of a grid ({@link PatchAggregation}: 3 × 3 average, upsampled to the finest map,
 * concatenated), the input of PatchCore, PaDiM and MSDE on patches.
 *
 * <p>Which maps:
 * <ul>
 *   <li>the self-supervised ResNet ({@link SelfSupervisedBackbone}): its stages are run one by one
 *       and the last output at stride 8 and the last at stride 16 are kept — ResNet's
 *       {@code layer2} and {@code layer3}, PatchCore's and PaDiM's choice;</li>
 *   <li>a TorchScript model ({@link TorchScriptBackbone}) returns only what its {@code forward}
 *       returns, so msde4j uses every 4-D tensor {@code (batch, channels, height, width)} among its
 *       outputs: export a model that returns its feature maps, e.g. the tuple
 *       {@code (layer2, layer3)} of a ResNet ({@code scripts/dev/make-test-torchscript.py
 *       resnet18-features}); a model that returns only pooled vectors is refused with a message
 *       that says so;</li>
 *   <li>raw pixels have no feature maps and are refused.</li>
 * </ul>
 * Not thread-safe; it uses, but does not own, its backbone.
 */
public final class LocalFeatures {

    /** Strides of the maps taken from a ResNet trunk: its layer2 and layer3. */
    private static final int[] TRUNK_STRIDES = {8, 16};

    private final Backbone backbone;
    private final Model model;
    private final boolean trunk;
    private final String source;
    private final int height;
    private final int width;
    private final int depth;

    private LocalFeatures(Backbone backbone, Model model, boolean trunk, String source) {
        this.backbone = backbone;
        this.model = model;
        this.trunk = trunk;
        this.source = source;
        Preprocessing p = backbone.preprocessing();
        List<PatchAggregation.Map> probe = maps(new float[p.length()], 1).get(0);
        float[] patches = PatchAggregation.patches(probe);
        PatchAggregation.Map finest = probe.stream().max((a, b) -> a.height() * a.width() - b.height() * b.width())
                .orElseThrow();
        this.height = finest.height();
        this.width = finest.width();
        this.depth = patches.length / (height * width);
    }

    /**
     * The local features of {@code backbone}.
     *
     * @throws IllegalArgumentException when the backbone has no spatial feature maps (raw pixels, or
     *                                  a TorchScript model that returns only vectors), saying what to use instead
     */
    public static LocalFeatures of(Backbone backbone) {
        if (backbone instanceof SelfSupervisedBackbone ssl) {
            return new LocalFeatures(backbone, ssl.model(), true,
                    "layer2+layer3 (last maps at strides " + TRUNK_STRIDES[0] + " and " + TRUNK_STRIDES[1] + ")");
        }
        if (backbone instanceof TorchScriptBackbone script) {
            return new LocalFeatures(backbone, script.model(), false, "every 4-D output of forward");
        }
        throw new IllegalArgumentException("backbone " + backbone.name() + " has no spatial feature maps, so it gives no "
                + "patch embeddings or anomaly maps: use the self-supervised backbone (--backbone ssl) or a TorchScript "
                + "model whose forward returns feature maps (see docs/localisation.md).");
    }

    /** The backbone the maps come from. */
    public Backbone backbone() {
        return backbone;
    }

    /** A short description: backbone, maps, grid. */
    public String name() {
        return "patches of " + backbone.name() + ": " + source + ", 3×3 average, " + height + "×" + width + "×" + depth;
    }

    /** The backbone's preprocessing. */
    public Preprocessing preprocessing() {
        return backbone.preprocessing();
    }

    /** Hex SHA-256 of the backbone's identity and of how patches are made: keys the embedding cache. */
    public String identity() {
        String text = backbone.identity() + "\nlocal;" + source + ";avg3x3;bilinear-half-pixel";
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Rows of the patch grid. */
    public int height() {
        return height;
    }

    /** Columns of the patch grid. */
    public int width() {
        return width;
    }

    /** Floats per patch embedding. */
    public int depth() {
        return depth;
    }

    /**
     * Patch embeddings of {@code count} images already preprocessed into {@code input} (as
     * {@link Backbone#embed(float[], int)} takes them): per image {@code height · width · depth}
     * floats, position by position.
     */
    public float[][] embed(float[] input, int count) {
        List<List<PatchAggregation.Map>> maps = maps(input, count);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = PatchAggregation.patches(maps.get(i));
        }
        return out;
    }

    /** The feature maps of each image, as the backbone's kind gives them. */
    private List<List<PatchAggregation.Map>> maps(float[] input, int count) {
        Preprocessing p = backbone.preprocessing();
        int size = p.size();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(Arrays.copyOf(input, count * p.length()), new Shape(count, p.channels(), size, size));
            ParameterStore parameters = new ParameterStore(manager, false);
            List<NDArray> taps = trunk ? trunkTaps(parameters, x, size) : scriptTaps(parameters, x);
            List<List<PatchAggregation.Map>> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(new ArrayList<>());
            }
            for (NDArray tap : taps) {
                long[] shape = tap.getShape().getShape();
                int c = (int) shape[1];
                int h = (int) shape[2];
                int w = (int) shape[3];
                float[] all = tap.toFloatArray();
                for (int i = 0; i < count; i++) {
                    out.get(i).add(new PatchAggregation.Map(c, h, w, Arrays.copyOfRange(all, i * c * h * w, (i + 1) * c * h * w)));
                }
            }
            return out;
        }
    }

    /** Runs the trunk's blocks one by one and keeps the last 4-D output at each of {@link #TRUNK_STRIDES}. */
    private List<NDArray> trunkTaps(ParameterStore parameters, NDArray x, int size) {
        NDArray[] kept = new NDArray[TRUNK_STRIDES.length];
        NDList current = new NDList(x);
        for (Pair<String, Block> child : ((SequentialBlock) model.getBlock()).getChildren()) {
            current = child.getValue().forward(parameters, current, false);
            Shape shape = current.head().getShape();
            for (int s = 0; s < TRUNK_STRIDES.length; s++) {
                if (shape.dimension() == 4 && shape.get(2) == ceilDiv(size, TRUNK_STRIDES[s])) {
                    kept[s] = current.head();
                }
            }
        }
        for (int s = 0; s < kept.length; s++) {
            if (kept[s] == null) {
                throw new IllegalArgumentException("backbone " + backbone.name() + " has no feature map at stride "
                        + TRUNK_STRIDES[s] + " (" + ceilDiv(size, TRUNK_STRIDES[s]) + " px for " + size
                        + " px input): a ResNet with at least three stages is needed for patch embeddings.");
            }
        }
        return List.of(kept);
    }

    /** Every 4-D output of the TorchScript model, or an error that says what the model returns instead. */
    private List<NDArray> scriptTaps(ParameterStore parameters, NDArray x) {
        NDList outputs = model.getBlock().forward(parameters, new NDList(x), false);
        List<NDArray> maps = outputs.stream().filter(a -> a.getShape().dimension() == 4).toList();
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("backbone " + backbone.name() + " returns "
                    + outputs.stream().map(a -> a.getShape().toString()).toList() + ", no feature map (batch, channels, "
                    + "height, width): patch embeddings and anomaly maps need a TorchScript model whose forward returns "
                    + "its feature maps, e.g. (layer2, layer3) — see scripts/dev/make-test-torchscript.py resnet18-features.");
        }
        return maps;
    }

    private static long ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
