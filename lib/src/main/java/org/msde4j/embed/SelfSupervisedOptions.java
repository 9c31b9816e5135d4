package org.msde4j.embed;

/**
 * Settings of {@link SelfSupervisedTraining}.
 *
 * @param architecture the network
 * @param inputSize    images are resized to {@code inputSize²}, grey
 * @param epochs       passes over the training images (0 keeps the random initialisation, a baseline)
 * @param batchSize    training images per step; each gives an original and a pasted sample
 * @param learningRate SGD's initial rate, decayed to 0 by a cosine schedule over all steps
 * @param momentum     SGD momentum
 * @param weightDecay  L2 weight decay
 * @param pretext      how pasted samples are made
 * @param seed         seeds weight initialisation, shuffling and pasting
 * @param threads      libtorch intra-op threads of the training; the same seed gives the same weights
 *                     for the same thread count on the same kind of CPU (a different count splits
 *                     sums differently, so it rounds differently)
 */
public record SelfSupervisedOptions(ResNetArchitecture architecture, int inputSize, int epochs, int batchSize,
                                    double learningRate, double momentum, double weightDecay, PasteTask pretext,
                                    long seed, int threads) {

    public SelfSupervisedOptions {
        if (inputSize < 32 || epochs < 0 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || momentum >= 1
                || weightDecay < 0 || threads < 1) {
            throw new IllegalArgumentException("self-supervised training needs inputSize ≥ 32, epochs ≥ 0, batch ≥ 1, "
                    + "learning rate > 0, 0 ≤ momentum < 1, weight decay ≥ 0 and threads ≥ 1; got " + inputSize + ", "
                    + epochs + ", " + batchSize + ", " + learningRate + ", " + momentum + ", " + weightDecay + ", "
                    + threads + ".");
        }
    }

    /**
     * The defaults, chosen by measurement (see {@code docs/embeddings.md}): a quarter-width ResNet-18
     * (width 16, 128-d embedding) at 64 px, 30 epochs of batches of 32, SGD with rate 0.03,
     * momentum 0.9, weight decay 1e-4, AnatPaste, seed 42, one libtorch thread.
     */
    public static SelfSupervisedOptions defaults() {
        return new SelfSupervisedOptions(ResNetArchitecture.resnet18Width(16), 64, 30, 32, 0.03, 0.9, 1e-4,
                PasteTask.anatPaste(), 42, 1);
    }

    public SelfSupervisedOptions withArchitecture(ResNetArchitecture value) {
        return new SelfSupervisedOptions(value, inputSize, epochs, batchSize, learningRate, momentum, weightDecay, pretext, seed, threads);
    }

    public SelfSupervisedOptions withInputSize(int value) {
        return new SelfSupervisedOptions(architecture, value, epochs, batchSize, learningRate, momentum, weightDecay, pretext, seed, threads);
    }

    public SelfSupervisedOptions withEpochs(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, value, batchSize, learningRate, momentum, weightDecay, pretext, seed, threads);
    }

    public SelfSupervisedOptions withBatchSize(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, value, learningRate, momentum, weightDecay, pretext, seed, threads);
    }

    public SelfSupervisedOptions withLearningRate(double value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, value, momentum, weightDecay, pretext, seed, threads);
    }

    public SelfSupervisedOptions withPretext(PasteTask value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay, value, seed, threads);
    }

    public SelfSupervisedOptions withSeed(long value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay, pretext, value, threads);
    }

    public SelfSupervisedOptions withThreads(int value) {
        return new SelfSupervisedOptions(architecture, inputSize, epochs, batchSize, learningRate, momentum, weightDecay, pretext, seed, value);
    }
}
