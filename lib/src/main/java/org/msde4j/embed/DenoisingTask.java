package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Random;

/**
 * The denoising-autoencoder pretext: the network sees an image with coarse noise added and must
 * return the clean image. Noise is drawn on a {@code (grid + 1) × (grid + 1)} lattice of independent
 * normal values with standard deviation {@code sigma} (in [0, 1] units) and interpolated bilinearly
 * over the image, so it changes intensity over regions a few cells wide rather than pixel by pixel,
 * after Kascenas, O'Neil and Dickinson, "Denoising autoencoders for unsupervised anomaly detection in
 * brain MRI" (MIDL 2022), whose coarse noise beat plain autoencoders.
 *
 * <p>The encoder is the whole trunk up to its last stage's feature map; the decoder doubles the
 * resolution (nearest neighbour, then a 3×3 convolution, batch norm and ReLU, halving the channels
 * down to the trunk's width) until the input size, and ends with a 3×3 convolution to
 * {@value ResNetArchitecture#CHANNEL_BLOCK} channels whose mean is the image: the same family of
 * functions as one convolution to one channel (a mean of convolutions is a convolution), but without
 * a one-channel convolution, whose backward pass gave NaN on an AMD EPYC ({@link ResNetArchitecture}).
 * Loss: half the mean squared error against the clean image ({@link HalfSquaredError}); Adam (default
 * rate 2e-3) with the cosine schedule.
 *
 * <p>Unlike the paste task, whose classifier learns to ignore whatever does not reveal a paste, the
 * reconstruction keeps intensity and its layout in the trunk's feature maps: on the chest X-rays of
 * {@code docs/embeddings.md}, CutPaste/AnatPaste training lowered the kNN AUROC of the trunk's
 * features below that of the untrained network, and denoising raised it.
 *
 * @param grid  noise cells per side (≥ 1)
 * @param sigma standard deviation of the noise at the lattice points (&gt; 0)
 */
public record DenoisingTask(int grid, double sigma) implements Pretext {

    /** DJL's code for nearest-neighbour interpolation. */
    private static final int NEAREST = 0;

    public DenoisingTask {
        if (grid < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("a denoising task needs grid ≥ 1 and sigma > 0, got " + grid + " and "
                    + sigma + ".");
        }
    }

    /** 8 × 8 cells, standard deviation 0.2. */
    public static DenoisingTask coarseNoise() {
        return new DenoisingTask(8, 0.2);
    }

    @Override
    public String key() {
        return "denoising;grid=" + grid + ";sigma=" + sigma;
    }

    @Override
    public double defaultLearningRate() {
        return 2e-3;
    }

    @Override
    public boolean[] prepare(float[] plane) {
        return null;
    }

    @Override
    public Block network(ResNetArchitecture architecture, SequentialBlock trunk, int size) {
        int stages = architecture.blocks().size();
        int channels = architecture.stageChannels(stages);
        int side = architecture.stageSide(stages, size);
        SequentialBlock decoder = new SequentialBlock();
        while (side < size) {
            side = Math.min(2 * side, size);
            boolean last = side == size;
            channels = last ? ResNetArchitecture.CHANNEL_BLOCK : Math.max(architecture.width(), channels / 2);
            int target = side;
            decoder.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().getNDArrayInternal()
                    .interpolation(new long[] {target, target}, NEAREST, false))));
            decoder.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)
                    .optBias(last).build());
            if (last) {
                decoder.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] {1}, true))));
            } else {
                decoder.add(BatchNorm.builder().build()).add(Activation.reluBlock());
            }
        }
        return new EncoderDecoder(architecture, trunk, decoder);
    }

    @Override
    public Optimizer optimizer(Tracker rate, double momentum, double weightDecay) {
        return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) weightDecay).build();
    }

    @Override
    public Loss loss() {
        return new HalfSquaredError();
    }

    @Override
    public int samplesPerImage() {
        return 1;
    }

    @Override
    public Shape targetShape(int samples, int size) {
        return new Shape(samples, 1, size, size);
    }

    @Override
    public void fill(List<float[]> planes, List<boolean[]> prepared, int[] order, int from, int count, int size,
                     Random random, float[] input, float[] target) {
        for (int b = 0; b < count; b++) {
            float[] clean = planes.get(order[from + b]);
            Pretext.normalise(clean, target, b);
            Pretext.normalise(noisy(clean, size, random), input, b);
        }
    }

    /** {@code plane} plus coarse noise: lattice values interpolated bilinearly (not clipped). */
    float[] noisy(float[] plane, int size, Random random) {
        int points = grid + 1;
        double[] lattice = new double[points * points];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = sigma * random.nextGaussian();
        }
        float[] out = plane.clone();
        double scale = (double) grid / size;
        for (int y = 0; y < size; y++) {
            double fy = (y + 0.5) * scale;
            int iy = Math.min((int) fy, grid - 1);
            double dy = fy - iy;
            for (int x = 0; x < size; x++) {
                double fx = (x + 0.5) * scale;
                int ix = Math.min((int) fx, grid - 1);
                double dx = fx - ix;
                double v = lattice[iy * points + ix] * (1 - dy) * (1 - dx) + lattice[iy * points + ix + 1] * (1 - dy) * dx
                        + lattice[(iy + 1) * points + ix] * dy * (1 - dx) + lattice[(iy + 1) * points + ix + 1] * dy * dx;
                out[y * size + x] += (float) v;
            }
        }
        return out;
    }

    @Override
    public double correct(NDArray predictions, NDArray target) {
        return Double.NaN;
    }
}
