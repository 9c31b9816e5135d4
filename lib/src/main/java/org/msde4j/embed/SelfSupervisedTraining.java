package org.msde4j.embed;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageRef;
import org.msde4j.math.Sampling;

/**
 * Trains a {@link ResNetArchitecture} from scratch on normal images only, by a {@link Pretext}
 * (AnatPaste by default, CutPaste, or denoising): each step feeds one batch to the trunk and the
 * task's head, one update per batch, the rate decayed to 0 by a cosine schedule; weights start from
 * He et al.'s normal initialisation (variance 2 / fan-in). The head is then dropped; the trunk becomes
 * a {@link SelfSupervisedBackbone} read out as {@link SelfSupervisedOptions#readout()}.
 *
 * <p><b>Label-free check.</b> A seeded draw of {@link SelfSupervisedOptions#heldOut()} of the normals
 * never enters training. After every epoch the pretext loss on them (with the same noise or pastes
 * every time) tells whether the network still learns something that holds for images it has not
 * seen; the weights of the epoch where it was lowest are the ones saved, and training stops once it
 * has not improved for a fifth of the planned epochs (at least 3). With a time budget
 * ({@link SelfSupervisedOptions#minutes()}), two throw-away steps are timed first and the epochs cut
 * to fit; a budget smaller than one epoch is refused before training starts.
 *
 * <p>The training images are decoded once and kept in memory at the input size ({@code 4·inputSize²}
 * bytes each: 16 KiB at 64 px). Weight initialisation (libtorch's generator, seeded through
 * {@link Engine#setRandomSeed}), the held-out draw, shuffling and the pretext's draws (a
 * {@link Random} with the seed) are deterministic, and so is the whole run for a given number of
 * libtorch intra-op threads ({@link SelfSupervisedOptions#threads()}) on a given kind of CPU: the
 * optimisation runs on a thread of its own with that count set for the whole run
 * ({@link LibtorchThreads}), so what ran before on the caller's thread cannot change it, and the
 * process-wide count is restored afterwards. The listener is called from that thread.
 */
public final class SelfSupervisedTraining {

    /**
     * The end of one epoch.
     *
     * @param epoch       1-based
     * @param epochs      epochs planned (after the time budget)
     * @param loss        mean pretext loss of the epoch's training batches
     * @param accuracy    pretext accuracy on them (NaN for a task that does not classify)
     * @param heldOutLoss pretext loss on the held-out normals (NaN when none are held out)
     * @param seconds     time since the optimisation started
     * @param secondsLeft time the remaining planned epochs will take at the pace so far
     */
    public record Epoch(int epoch, int epochs, double loss, double accuracy, double heldOutLoss, double seconds,
                        double secondsLeft) {

        /** E.g. {@code epoch 3/40: loss 0.0214, held-out 0.0220 (12 s, 2.6 min left)}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %d/%d: pretext loss %.4f%s%s (%.0f s, %.1f min left)", epoch, epochs,
                    loss, Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", accuracy %.3f", accuracy),
                    Double.isNaN(heldOutLoss) ? "" : String.format(Locale.ROOT, ", held-out loss %.4f", heldOutLoss),
                    seconds, secondsLeft / 60);
        }
    }

    /** Hears the end of each epoch. */
    @FunctionalInterface
    public interface Listener {
        void epoch(Epoch epoch);

        Listener NONE = epoch -> { };
    }

    /**
     * What a training run produced.
     *
     * @param directory   the saved model directory
     * @param loss        mean pretext loss of each epoch
     * @param accuracy    pretext accuracy of each epoch (training batches, before each update; NaN for a
     *                    task that does not classify)
     * @param heldOutLoss pretext loss on the held-out normals after each epoch (empty when none)
     * @param bestEpoch   the epoch whose weights were saved (0: the initialisation)
     * @param seconds     wall-clock time of the optimisation
     */
    public record Report(Path directory, List<Double> loss, List<Double> accuracy, List<Double> heldOutLoss,
                         int bestEpoch, double seconds) {
        public Report {
            loss = List.copyOf(loss);
            accuracy = List.copyOf(accuracy);
            heldOutLoss = List.copyOf(heldOutLoss);
        }
    }

    /** Images the label-free check holds out at least, when it holds out any. */
    public static final int MIN_HELD_OUT = 4;

    private static final long HELD_OUT_SALT = 0x5DEECE66DL;

    private SelfSupervisedTraining() {
    }

    /** Trains on {@code normals} and saves the backbone into {@code directory}. */
    public static Report train(List<ImageRef> normals, SelfSupervisedOptions options, Path directory, Listener listener)
            throws IOException {
        int heldOut = heldOutCount(normals.size(), options);
        int training = normals.size() - heldOut;
        if (training < 2) {
            throw new IllegalArgumentException("self-supervised training needs at least 2 normal images to train on, got "
                    + normals.size() + (heldOut > 0 ? " of which " + heldOut + " are held out (msde-backbone --held-out)" : "")
                    + ": add normal images, or use --backbone pixels.");
        }
        if (options.epochs() > 0 && training < options.batchSize()) {
            throw new IllegalArgumentException(training + " normal images to train on" + (heldOut > 0 ? " (of "
                    + normals.size() + ", " + heldOut + " held out)" : "") + " are fewer than a training batch of "
                    + options.batchSize() + ": lower the batch size (msde-backbone --batch; msde-eval fits it to the images) or add "
                    + "normal images.");
        }
        int size = options.inputSize();
        Preprocessing unit = Preprocessing.unnormalised(size, 1);
        List<float[]> planes = new ArrayList<>(normals.size());
        List<boolean[]> prepared = new ArrayList<>(normals.size());
        for (ImageRef ref : normals) {
            float[] plane = unit.apply(ImageDecoder.read(ref));
            planes.add(plane);
            prepared.add(options.pretext().prepare(plane));
        }
        int[][] split = split(planes.size(), options);
        return LibtorchThreads.run("msde4j-training", options.threads(),
                () -> optimise(planes, prepared, split[0], split[1], options, directory, listener));
    }

    /**
     * Indices of the images trained on ({@code [0]}) and held out ({@code [1]}): a permutation of
     * 0…n−1 seeded by the options' seed, its last {@link #heldOutCount} held out; with none held out,
     * 0…n−1 in order.
     */
    static int[][] split(int normals, SelfSupervisedOptions options) {
        int heldOut = heldOutCount(normals, options);
        int[] order = heldOut == 0 ? Sampling.identity(normals)
                : Sampling.permutation(normals, new Random(options.seed() ^ HELD_OUT_SALT));
        return new int[][] {Arrays.copyOfRange(order, 0, normals - heldOut), Arrays.copyOfRange(order, normals - heldOut,
                normals)};
    }

    /** Normals held out by {@code options} for the label-free check: 0, or at least {@value #MIN_HELD_OUT}. */
    public static int heldOutCount(int normals, SelfSupervisedOptions options) {
        if (options.heldOut() == 0 || options.epochs() == 0) {
            return 0;
        }
        return Math.max(MIN_HELD_OUT, (int) Math.round(normals * options.heldOut()));
    }

    /** The optimisation itself, on the thread {@link LibtorchThreads} gives it. */
    private static Report optimise(List<float[]> planes, List<boolean[]> prepared, int[] trainOrder, int[] heldOutOrder,
                                   SelfSupervisedOptions options, Path directory, Listener listener) throws IOException {
        int batch = Math.min(options.batchSize(), trainOrder.length);
        int stepsPerEpoch = trainOrder.length / batch;
        int epochs = options.minutes() > 0 && options.epochs() > 0
                ? affordableEpochs(planes, prepared, trainOrder, options, batch, stepsPerEpoch)
                : options.epochs();
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        Random random = new Random(options.seed());
        Pretext task = options.pretext();
        int size = options.inputSize();
        SequentialBlock trunk = options.architecture().trunk();
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        List<Double> heldOutLosses = new ArrayList<>();
        long start = System.nanoTime();
        try (Model model = Model.newInstance("msde4j-ssl", Device.cpu(), "PyTorch")) {
            model.setBlock(task.network(options.architecture(), trunk, size));
            byte[] best;
            int bestEpoch = 0;
            try (Trainer trainer = model.newTrainer(config(options, epochs * stepsPerEpoch))) {
                trainer.initialize(new Shape((long) task.samplesPerImage() * batch, 1, size, size));
                best = snapshot(trunk);
                double bestLoss = Double.POSITIVE_INFINITY;
                int patience = Math.max(3, epochs / 5);
                int[] order = new int[trainOrder.length];
                Steps steps = new Steps(task, batch, size);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    int[] permutation = Sampling.permutation(trainOrder.length, random);
                    for (int i = 0; i < order.length; i++) {
                        order[i] = trainOrder[permutation[i]];
                    }
                    double lossSum = 0;
                    double correct = 0;
                    for (int step = 0; step < stepsPerEpoch; step++) {
                        task.fill(planes, prepared, order, step * batch, batch, size, random, steps.input, steps.target);
                        double[] lossAndCorrect = steps.update(trainer);
                        if (!Double.isFinite(lossAndCorrect[0])) {
                            throw new IllegalStateException("self-supervised training diverged: the pretext loss became "
                                    + lossAndCorrect[0] + " at epoch " + epoch + ", step " + (step + 1) + " (learning rate "
                                    + options.learningRate() + ", width " + options.architecture().width()
                                    + "); lower the learning rate and train again.");
                        }
                        lossSum += lossAndCorrect[0];
                        correct += lossAndCorrect[1];
                    }
                    losses.add(lossSum / stepsPerEpoch);
                    accuracies.add(correct / ((double) task.samplesPerImage() * batch * stepsPerEpoch));
                    double heldOutLoss = heldOutOrder.length == 0 ? Double.NaN
                            : steps.heldOutLoss(trainer, planes, prepared, heldOutOrder, options.seed());
                    heldOutLosses.add(heldOutLoss);
                    if (heldOutOrder.length == 0 || heldOutLoss < bestLoss) {
                        bestLoss = heldOutLoss;
                        bestEpoch = epoch;
                        best = snapshot(trunk);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    listener.epoch(new Epoch(epoch, epochs, losses.get(epoch - 1), accuracies.get(epoch - 1), heldOutLoss,
                            seconds, seconds / epoch * (epochs - epoch)));
                    if (epoch - bestEpoch >= patience) {
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            byte[] weights = best;
            SelfSupervisedBackbone.save(directory, options, planes.size(), heldOutOrder.length, losses, accuracies,
                    heldOutLosses, bestEpoch, seconds, out -> out.write(weights));
            return new Report(directory, losses, accuracies, heldOutLosses, bestEpoch, seconds);
        }
    }

    /**
     * Epochs that fit the time budget: two throw-away updates of a separate network are timed (the
     * second one, after libtorch has prepared its kernels), and the planned epochs are cut to fit.
     */
    private static int affordableEpochs(List<float[]> planes, List<boolean[]> prepared, int[] trainOrder,
                                        SelfSupervisedOptions options, int batch, int stepsPerEpoch) {
        Pretext task = options.pretext();
        int size = options.inputSize();
        double stepSeconds;
        try (Model model = Model.newInstance("msde4j-ssl-timing", Device.cpu(), "PyTorch")) {
            model.setBlock(task.network(options.architecture(), options.architecture().trunk(), size));
            try (Trainer trainer = model.newTrainer(config(options, 2))) {
                trainer.initialize(new Shape((long) task.samplesPerImage() * batch, 1, size, size));
                Steps steps = new Steps(task, batch, size);
                Random random = new Random(options.seed());
                task.fill(planes, prepared, trainOrder, 0, batch, size, random, steps.input, steps.target);
                steps.update(trainer);
                long t = System.nanoTime();
                steps.update(trainer);
                stepSeconds = (System.nanoTime() - t) / 1e9;
            }
        }
        double epochSeconds = stepSeconds * stepsPerEpoch;
        int affordable = (int) Math.floor(options.minutes() * 60 / epochSeconds);
        if (affordable < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "one epoch of %d steps takes about %.1f min "
                            + "here (a step took %.2f s), more than the time budget of %.1f min (--train-minutes): raise "
                            + "the budget, or lower --image-size or --width.", stepsPerEpoch, epochSeconds / 60, stepSeconds,
                    options.minutes()));
        }
        return Math.min(options.epochs(), affordable);
    }

    /** The pretext's optimiser on a cosine rate over {@code updates}, its loss, He initialisation. */
    static DefaultTrainingConfig config(SelfSupervisedOptions options, int updates) {
        Tracker rate = Tracker.cosine()
                .setBaseValue((float) options.learningRate())
                .optFinalValue(0)
                .setMaxUpdates(Math.max(1, updates))
                .build();
        return new DefaultTrainingConfig(options.pretext().loss())
                .optOptimizer(options.pretext().optimizer(rate, options.momentum(), options.weightDecay()))
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {Device.cpu()});
    }

    /** The trunk's parameters as {@link SelfSupervisedBackbone#WEIGHTS} holds them. */
    private static byte[] snapshot(SequentialBlock trunk) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trunk.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** The input and target buffers of a step, and what is done with them. */
    private static final class Steps {
        private final Pretext task;
        private final int size;
        private final Shape inputShape;
        private final Shape targetShape;
        final float[] input;
        final float[] target;

        Steps(Pretext task, int batch, int size) {
            this.task = task;
            this.size = size;
            int samples = task.samplesPerImage() * batch;
            this.inputShape = new Shape(samples, 1, size, size);
            this.targetShape = task.targetShape(samples, size);
            this.input = new float[(int) inputShape.size()];
            this.target = new float[(int) targetShape.size()];
        }

        /** One update on the current batch; returns the loss and the correct count. */
        double[] update(Trainer trainer) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = scope.create(FloatBuffer.wrap(input), inputShape);
                NDArray y = scope.create(FloatBuffer.wrap(target), targetShape);
                double loss;
                double correct;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(x));
                    NDArray value = trainer.getLoss().evaluate(new NDList(y), predictions);
                    collector.backward(value);
                    loss = value.getFloat();
                    correct = task.correct(predictions.singletonOrThrow(), y);
                }
                trainer.step();
                return new double[] {loss, correct};
            }
        }

        /**
         * Mean pretext loss on the held-out images, in batches of the training size (padded by
         * repeating the first images), with draws seeded the same way at every epoch.
         */
        double heldOutLoss(Trainer trainer, List<float[]> planes, List<boolean[]> prepared, int[] heldOut, long seed) {
            int batch = input.length / task.samplesPerImage() / (size * size);
            Random random = new Random(seed ^ HELD_OUT_SALT);
            double sum = 0;
            int counted = 0;
            for (int from = 0; from < heldOut.length; from += batch) {
                int[] chunk = new int[batch];
                for (int b = 0; b < batch; b++) {
                    chunk[b] = heldOut[(from + b) % heldOut.length];
                }
                task.fill(planes, prepared, chunk, 0, batch, size, random, input, target);
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    NDArray x = scope.create(FloatBuffer.wrap(input), inputShape);
                    NDArray y = scope.create(FloatBuffer.wrap(target), targetShape);
                    int real = Math.min(batch, heldOut.length - from);
                    sum += trainer.getLoss().evaluate(new NDList(y), trainer.evaluate(new NDList(x))).getFloat() * real;
                    counted += real;
                }
            }
            return sum / counted;
        }
    }
}
