package org.msde4j.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * A ResNet with basic (two 3×3 convolution) residual blocks, as in He et al., "Deep Residual
 * Learning for Image Recognition" (CVPR 2016), of configurable width.
 *
 * <p>Layout: stem (7×7 convolution, stride 2, {@code width} filters; batch norm; ReLU; 3×3 max
 * pool, stride 2), then stages of {@code blocks[s]} residual blocks with {@code width·2^s}
 * filters, every stage after the first starting with stride 2 and a 1×1 projection shortcut; then
 * global average pooling. The embedding has {@code width·2^(stages−1)} dimensions. ResNet-18 is
 * width 64 with blocks (2, 2, 2, 2); a "half" ResNet-18 (width 32) has a quarter of its
 * multiply-adds. The input is reduced 32-fold, so inputs of 64–224 pixels suit it.
 *
 * <p>The width is a multiple of {@value #CHANNEL_BLOCK}: libtorch's oneDNN convolutions store
 * channels in blocks of 16 floats (one AVX-512 register), and on an AMD EPYC (Zen 5) convolutions
 * with 8, 12 or 24 channels returned NaN or different gradients for the same batch and weights, on
 * one thread and on two, while multiples of 16 repeated bit for bit ({@code docs/embeddings.md}).
 *
 * @param width  filters of the stem and first stage (a positive multiple of {@value #CHANNEL_BLOCK})
 * @param blocks residual blocks per stage (each ≥ 1)
 */
public record ResNetArchitecture(int width, List<Integer> blocks) {

    /** Channels per block of oneDNN's AVX-512 layouts: the output channels of every convolution are a multiple of it. */
    public static final int CHANNEL_BLOCK = 16;

    public ResNetArchitecture {
        blocks = List.copyOf(blocks);
        if (width < 1 || blocks.isEmpty() || blocks.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("a ResNet needs width ≥ 1 and at least one stage of ≥ 1 blocks, got width "
                    + width + " and blocks " + blocks + ".");
        }
        if (width % CHANNEL_BLOCK != 0) {
            throw new IllegalArgumentException("a ResNet's width must be a multiple of " + CHANNEL_BLOCK + ", got " + width
                    + ": libtorch's convolutions work on blocks of " + CHANNEL_BLOCK + " channels and gave NaN or"
                    + " unrepeatable gradients with other counts (docs/embeddings.md); use --width 16, 32, 48 or 64 (a backbone saved with such a width by an earlier version: train it again).");
        }
    }

    /** ResNet-18's layout: width 64, blocks (2, 2, 2, 2), 512-d embedding. */
    public static ResNetArchitecture resnet18() {
        return resnet18Width(64);
    }

    /** ResNet-18's layout with another width (32 is the "half-width" ResNet-18). */
    public static ResNetArchitecture resnet18Width(int width) {
        return new ResNetArchitecture(width, List.of(2, 2, 2, 2));
    }

    /** Embedding dimension: filters of the last stage. */
    public int dimension() {
        return width << (blocks.size() - 1);
    }

    /** Children of {@link #trunk()} that make the stem: 7×7 convolution, batch norm, ReLU, 3×3 max pool. */
    public static final int STEM_LAYERS = 4;

    /**
     * Where each stage's output is in {@link #trunk()}: element {@code s} counts the trunk's children
     * that produce stage {@code s} (0 = the stem after its max pool, then one residual block per child
     * for stages 1…); the two children after the last stage pool globally and flatten.
     */
    public List<Integer> stageEnds() {
        List<Integer> ends = new ArrayList<>();
        int end = STEM_LAYERS;
        ends.add(end);
        for (int b : blocks) {
            end += b;
            ends.add(end);
        }
        return List.copyOf(ends);
    }

    /** Channels of stage {@code s}'s output (the stem and stage 1 have {@code width}). */
    public int stageChannels(int stage) {
        return stage == 0 ? width : width << (stage - 1);
    }

    /**
     * Side of stage {@code s}'s feature map for an input of side {@code inputSize}: the stem's
     * convolution and max pool halve it twice, every stage after the first once more (each rounding up).
     */
    public int stageSide(int stage, int inputSize) {
        int side = half(half(inputSize));
        for (int s = 2; s <= stage; s++) {
            side = half(side);
        }
        return side;
    }

    private static int half(int side) {
        return (side + 1) / 2;
    }

    /** The network without a classifier: images {@code (B, C, H, W)} → embeddings {@code (B, dimension)}. */
    public SequentialBlock trunk() {
        SequentialBlock net = new SequentialBlock()
                .add(conv(width, 7, 2))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = width;
        for (int s = 0; s < blocks.size(); s++) {
            int out = width << s;
            for (int b = 0; b < blocks.get(s); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                net.add(residual(in, out, stride));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    private static SequentialBlock residual(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(out, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = stride == 1 && in == out
                ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride)).add(BatchNorm.builder().build());
        ParallelBlock sum = new ParallelBlock(
                branches -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
                List.of(main, shortcut));
        return new SequentialBlock().add(sum).add(Activation.reluBlock());
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(false)
                .build();
    }
}
