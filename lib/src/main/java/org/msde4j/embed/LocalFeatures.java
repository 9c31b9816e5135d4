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
 *       and the last output at each chosen stride is kept. PatchCore takes {@code layer2} and
 *       {@code layer3} (strides 8 and 16; {@link #PATCHCORE_STRIDES}), PaDiM {@code layer1} to
 *       {@code layer3}; msde4j's default is {@code layer1} and {@code layer2} (strides 4 and 8;
 *       {@link #DEFAULT_STRIDES}), which gave far better anomaly maps with its small
 *       self-supervised ResNet (see {@code docs/localisation.md});</li>
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

    /** The maps PatchCore takes from a ResNet: layer2 and layer3, at strides 8 and 16. */
    public static final int[] PATCHCORE_STRIDES = {8, 16};
    /** layer1 and layer2 (strides 4 and 8): msde4j's default, measured best for anomaly maps (docs/localisation.md). */
    public static final int[] DEFAULT_STRIDES = {4, 8};

    private final Backbone backbone;
    private final Model model;
    private final int[] strides;
    private final String source;
    private final int height;
    private final int width;
    private final int depth;

    private LocalFeatures(Backbone backbone, Model model, int[] strides, String source) {
        this.backbone = backbone;
        this.model = model;
        this.strides = strides;
        this.source = source;
        Preprocessing p = backbone.preprocessing();
        List<PatchAggregation.FeatureMap> probe = maps(new float[p.length()], 1).get(0);
        float[] patches = PatchAggregation.patches(probe);
        PatchAggregation.FeatureMap finest = probe.stream().max((a, b) -> a.height() * a.width() - b.height() * b.width())
                .orElseThrow();
        this.height = finest.height();
        this.width = finest.width();
        this.depth = patches.length / (height * width);
    }

    /** The local features of {@code backbone}, from the maps at {@link #DEFAULT_STRIDES} of a ResNet trunk. */
    public static LocalFeatures of(Backbone backbone) {
        return of(backbone, DEFAULT_STRIDES);
    }

    /**
     * The local features of {@code backbone}: of a ResNet trunk, the last maps at the given strides
     * (4, 8, 16 and 32 are the ends of its stages layer1 … layer4); of a TorchScript model, every
     * 4-D output (the strides do not apply).
     *
     * @throws IllegalArgumentException when the backbone has no spatial feature maps (raw pixels, or
     *                                  a TorchScript model that returns only vectors), saying what to use instead
     */
    public static LocalFeatures of(Backbone backbone, int... strides) {
        if (strides.length == 0) {
            throw new IllegalArgumentException("patch embeddings need the strides of at least one feature map.");
        }
        if (backbone instanceof SelfSupervisedBackbone ssl) {
            return new LocalFeatures(backbone, ssl.model(), strides.clone(),
                    "last maps at strides " + Arrays.toString(strides));
        }
        if (backbone instanceof TorchScriptBackbone script) {
            return new LocalFeatures(backbone, script.model(), null, "every 4-D output of forward");
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

    /** The strides of the ResNet maps used; empty for a TorchScript model (all its maps). */
    public List<Integer> strides() {
        return strides == null ? List.of() : Arrays.stream(strides).boxed().toList();
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
        List<List<PatchAggregation.FeatureMap>> maps = maps(input, count);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = PatchAggregation.patches(maps.get(i));
        }
        return out;
    }

    /**
     * The feature maps of each image, as the backbone's kind gives them. One image is run as two
     * copies of it, as {@link TorchRunner} does, so that libtorch convolves it with oneDNN like any
     * batch and its maps do not depend on whether it came alone.
     */
    private List<List<PatchAggregation.FeatureMap>> maps(float[] input, int count) {
        Preprocessing p = backbone.preprocessing();
        int size = p.size();
        int run = Math.max(count, 2);
        float[] batch = Arrays.copyOf(input, run * p.length());
        if (count == 1) {
            System.arraycopy(input, 0, batch, p.length(), p.length());
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(batch, new Shape(run, p.channels(), size, size));
            ParameterStore parameters = new ParameterStore(manager, false);
            List<NDArray> taps = strides != null ? trunkTaps(parameters, x, size) : scriptTaps(parameters, x);
            List<List<PatchAggregation.FeatureMap>> out = new ArrayList<>();
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
                    out.get(i).add(new PatchAggregation.FeatureMap(c, h, w, Arrays.copyOfRange(all, i * c * h * w, (i + 1) * c * h * w)));
                }
            }
            return out;
        }
    }

    /** Runs the trunk's blocks one by one and keeps the last 4-D output at each of the strides. */
    private List<NDArray> trunkTaps(ParameterStore parameters, NDArray x, int size) {
        NDArray[] kept = new NDArray[strides.length];
        NDList current = new NDList(x);
        Block block = model.getBlock();
        SequentialBlock trunk = block instanceof ReadoutBlock readout ? readout.trunk() : (SequentialBlock) block;
        for (Pair<String, Block> child : trunk.getChildren()) {
            current = child.getValue().forward(parameters, current, false);
            Shape shape = current.head().getShape();
            for (int s = 0; s < strides.length; s++) {
                if (shape.dimension() == 4 && shape.get(2) == ceilDiv(size, strides[s])) {
                    kept[s] = current.head();
                }
            }
        }
        for (int s = 0; s < kept.length; s++) {
            if (kept[s] == null) {
                throw new IllegalArgumentException("backbone " + backbone.name() + " has no feature map at stride "
                        + strides[s] + " (" + ceilDiv(size, strides[s]) + " px for " + size
                        + " px input): choose strides among those of its stages (4, 8, 16, 32 for a ResNet).");
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
                    + outputs.stream().map(LocalFeatures::perBatch).toList() + ", no feature map (batch, channels, "
                    + "height, width): patch embeddings and anomaly maps need a TorchScript model whose forward returns "
                    + "its feature maps, e.g. (layer2, layer3) — see scripts/dev/make-test-torchscript.py resnet18-features.");
        }
        return maps;
    }

    /** A shape with its first axis named: {@code (batch, 7)}. */
    private static String perBatch(NDArray a) {
        StringBuilder s = new StringBuilder("(batch");
        long[] shape = a.getShape().getShape();
        for (int i = 1; i < shape.length; i++) {
            s.append(", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    private static long ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
