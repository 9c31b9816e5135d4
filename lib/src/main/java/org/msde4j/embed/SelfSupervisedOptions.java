package org.msde4j.embed;

import java.util.Locale;

/**
 * Settings of {@link SelfSupervisedTraining}.
 *
 * @param architecture the network
 * @param inputSize    images are resized to {@code inputSize²}, grey
 * @param epochs       passes over the training images at most (0 keeps the random initialisation)
 * @param batchSize    training images per step
 * @param learningRate the optimiser's initial rate, decayed to 0 by a cosine schedule over all steps
 * @param momentum     SGD momentum (the paste task)
 * @param weightDecay  L2 weight decay
 * @param pretext      the self-supervised task
 * @param readout      which feature maps make the embedding ({@link Readout})
 * @param heldOut      fraction of the normal images held out of training: the label-free check of every
 *                     epoch (pretext loss on images the network never trained on) runs on them, and the
 *                     weights of the epoch where it was lowest are kept
 * @param minutes      time budget of the optimisation in minutes (0: none); the epochs are cut to fit it
 * @param seed         seeds weight initialisation, the held-out draw, shuffling and the pretext's draws
 * @param threads      libtorch intra-op threads of the training; the same seed gives the same weights
 *                     for the same thread count on the same kind of CPU (a different count splits
 *                     sums differently, so it rounds differently)
 */
public record SelfSupervisedOptions(ResNetArchitecture architecture, int inputSize, int epochs, int batchSize,
                                    double learningRate, double momentum, double weightDecay, Pretext pretext,
                                    Readout readout, double heldOut, double minutes, long seed, int threads) {

    public SelfSupervisedOptions {
        if (inputSize < 32 || epochs < 0 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || momentum >= 1
                || weightDecay < 0 || threads < 1 || !(heldOut >= 0 && heldOut < 0.5) || !(minutes >= 0)) {
            throw new IllegalArgumentException("self-supervised training needs inputSize ≥ 32, epochs ≥ 0, batch ≥ 1, "
                    + "learning rate > 0, 0 ≤ momentum < 1, weight decay ≥ 0, threads ≥ 1, 0 ≤ held-out fraction < 0.5 "
                    + "and minutes ≥ 0; got " + inputSize + ", " + epochs + ", " + batchSize + ", " + learningRate + ", "
                    + momentum + ", " + weightDecay + ", " + threads + ", " + heldOut + ", " + minutes + ".");
        }
        readout.check(architecture, inputSize);
    }

    /**
     * The defaults ({@code docs/embeddings.md}): a quarter-width ResNet-18 (width 16) at 64 px,
     * AnatPaste, 30 epochs of batches of 32, SGD at 0.03 with momentum 0.9 and weight decay 1e-4,
     * nothing held out, the global average of the last stage ({@code s4g1}, 128 values), seed 42, one
     * libtorch thread per core (repeatable per thread count since every convolution has a multiple of
     * 16 channels, {@link ResNetArchitecture}). The pretexts, readouts, presets and held-out check
     * beside them are options: none of them did better than these on both the chest X-rays'
     * validation split and the synthetic set.
     */
    public static SelfSupervisedOptions defaults() {
        ResNetArchitecture resnet = ResNetArchitecture.resnet18Width(16);
        PasteTask paste = PasteTask.anatPaste();
        return new SelfSupervisedOptions(resnet, DEFAULT_INPUT_SIZE, 30, 32, paste.defaultLearningRate(), 0.9, 1e-4, paste,
                Readout.parse(GLOBAL), 0, 0, 42, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The defaults with {@code pretext}, read out and sized as measured best for it. The paste tasks keep
     * {@link #defaults()}'s readout ({@value #GLOBAL}) and 64 px. Denoising, the pretext for diffuse
     * changes, is read out on three scales ({@value #MULTI_SCALE}) from {@value #DENOISING_INPUT_SIZE}-px
     * inputs: on the chest X-rays' validation split that gave kNN-5 AUROC 0.869 against 0.813 at 64 px,
     * chosen there, and 0.876 on the test split, above raw pixels (0.823; {@code docs/embeddings.md}).
     */
    public static SelfSupervisedOptions defaultsFor(Pretext pretext) {
        SelfSupervisedOptions options = defaults().withPretext(pretext);
        return pretext instanceof DenoisingTask
                ? options.withReadout(Readout.parse(MULTI_SCALE)).withInputSize(DENOISING_INPUT_SIZE) : options;
    }

    /** Input side of the default backbone ({@link #defaults()}). */
    public static final int DEFAULT_INPUT_SIZE = 64;

    /** Input side of the denoising backbone by default ({@link #defaultsFor}). */
    public static final int DENOISING_INPUT_SIZE = 128;

    /** The last stage averaged over the whole map: 8 × width values (128 at width 16), the classic embedding. */
    public static final String GLOBAL = "s4g1";

    /** Stage 2 on 4 × 4 cells, stage 3 on 2 × 2, stage 4 globally: 896 values at width 16. */
    public static final String MULTI_SCALE = "s2g4+s3g2+s4g1";

    /** How much training a backbone gets: optimisation updates aimed at, whatever the number of images. */
    public enum Preset {
        /** About 300 updates: keeps the main job ({@code ./jbang msde-eval}) within its 3 minutes. */
        FAST(300),
        /** About 600 updates: what the chest X-ray measurements used (20 epochs of 1000 images). */
        SIZED(600);

        /**
         * The preset written {@code text} ({@code fast} or {@code sized}, any case), or null for
         * {@code none}: the settings as given, whatever the number of images.
         */
        public static Preset named(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("none")) {
                return null;
            }
            for (Preset preset : values()) {
                if (preset.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return preset;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a training preset: use none, fast or sized.");
        }

        private final int updates;

        Preset(int updates) {
            this.updates = updates;
        }

        /** Updates aimed at. */
        public int updates() {
            return updates;
        }
    }

    /** Images under which the few-normals settings apply. */
    public static final int FEW_NORMALS = 100;

    /** {@link #sizedFor(int, Preset)} with {@link Preset#SIZED}. */
    public static SelfSupervisedOptions sizedFor(int normals) {
        return sizedFor(normals, Preset.SIZED);
    }

    /** The defaults sized to {@code normals} training images ({@link #sizedTo}). */
    public static SelfSupervisedOptions sizedFor(int normals, Preset preset) {
        return defaults().sizedTo(normals, preset);
    }

    /**
     * These settings sized to {@code normals} training images: epochs so that training makes about
     * {@code preset.updates()} updates (between 10 and 200 epochs), with at least 10 % of the images
     * held out for the early stop. Under {@value #FEW_NORMALS} images, batches of 16 and a fifth of them
     * held out, so that the held-out check has enough images to stop the training before it learns the
     * few images by heart; a batch never holds more images than are left to train on. Network, input
     * size, pretext, readout, time budget, seed and threads stay.
     */
    public SelfSupervisedOptions sizedTo(int normals, Preset preset) {
        SelfSupervisedOptions options = withHeldOut(Math.max(heldOut, 0.1));
        if (normals < FEW_NORMALS) {
            options = options.withBatchSize(Math.min(batchSize, 16)).withHeldOut(Math.max(heldOut, 0.2));
        }
        int training = normals - SelfSupervisedTraining.heldOutCount(normals, options);
        int batch = Math.max(1, Math.min(options.batchSize(), training));
        int steps = Math.max(1, training / batch);
        return options.withBatchSize(batch).withEpochs(Math.max(10, Math.min(200, (preset.updates() + steps - 1) / steps)));
    }

    public SelfSupervisedOptions withArchitecture(ResNetArchitecture value) {
        return new SelfSupervisedOptions(value, inputSize, epochs, batchSize, learningRate, momentum, weightDecay, pretext,
                readout, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withInputSize(int value) {
        return new SelfSupervisedOptions(architecture, value, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withEpochs(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, value, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withBatchSize(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, value, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withLearningRate(double value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, value, momentum, weightDecay, pretext,
                readout, heldOut, minutes, seed, threads);
    }

    /** Another pretext, with the learning rate it trains well with ({@link Pretext#defaultLearningRate()}). */
    public SelfSupervisedOptions withPretext(Pretext value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, value.defaultLearningRate(), momentum,
                weightDecay, value, readout, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withReadout(Readout value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, value, heldOut, minutes, seed, threads);
    }

    public SelfSupervisedOptions withHeldOut(double value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, value, minutes, seed, threads);
    }

    public SelfSupervisedOptions withMinutes(double value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, value, seed, threads);
    }

    public SelfSupervisedOptions withSeed(long value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, minutes, value, threads);
    }

    public SelfSupervisedOptions withThreads(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay,
                pretext, readout, heldOut, minutes, seed, value);
    }
}
