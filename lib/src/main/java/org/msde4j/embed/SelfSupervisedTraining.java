package org.msde4j.embed;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageRef;

/**
 * Trains a {@link ResNetArchitecture} from scratch on normal images only, by the
 * {@link PasteTask} pretext: each step takes a batch of training images and their pasted copies
 * and minimises the softmax cross-entropy of a linear original-vs-pasted classifier on the
 * network's embedding (SGD with momentum and weight decay, cosine-decayed learning rate, one
 * update per batch; weights start from He et al.'s normal initialisation, variance 2 / fan-in).
 * The classifier is then dropped; the network up to its pooled output becomes a
 * {@link SelfSupervisedBackbone}.
 *
 * <p>The training images are decoded once and kept in memory at the input size
 * ({@code 4·inputSize²} bytes each: 16 KiB at 64 px). Weight initialisation (libtorch's generator,
 * seeded through {@link Engine#setRandomSeed}), shuffling and pasting (a {@link Random} with the
 * seed) are deterministic, and so is the whole run for a given number of libtorch intra-op threads
 * ({@link SelfSupervisedOptions#threads()}) on a given kind of CPU: the optimisation runs on a
 * thread of its own with that count set for the whole run ({@link LibtorchThreads}), so what ran
 * before on the caller's thread cannot change it, and the process-wide count is restored afterwards.
 * The listener is called from that thread.
 */
public final class SelfSupervisedTraining {

    /** Hears the end of each epoch. */
    @FunctionalInterface
    public interface Listener {
        void epoch(int epoch, int epochs, double loss, double accuracy);

        Listener NONE = (epoch, epochs, loss, accuracy) -> { };
    }

    /**
     * What a training run produced.
     *
     * @param directory the saved model directory
     * @param loss      mean pretext loss of each epoch
     * @param accuracy  pretext accuracy of each epoch (training batches, before each update)
     * @param seconds   wall-clock time of the optimisation
     */
    public record Report(Path directory, List<Double> loss, List<Double> accuracy, double seconds) {
        public Report {
            loss = List.copyOf(loss);
            accuracy = List.copyOf(accuracy);
        }
    }

    private SelfSupervisedTraining() {
    }

    /** Trains on {@code normals} and saves the backbone into {@code directory}. */
    public static Report train(List<ImageRef> normals, SelfSupervisedOptions options, Path directory, Listener listener)
            throws IOException {
        if (normals.size() < 2) {
            throw new IllegalArgumentException("self-supervised training needs at least 2 normal images, got "
                    + normals.size() + ".");
        }
        int size = options.inputSize();
        List<float[]> planes = new ArrayList<>(normals.size());
        List<boolean[]> masks = new ArrayList<>(normals.size());
        Preprocessing unit = Preprocessing.unnormalised(size, 1);
        for (ImageRef ref : normals) {
            float[] plane = unit.apply(ImageDecoder.read(ref));
            planes.add(plane);
            masks.add(options.pretext().anatomyMask(plane));
        }
        return LibtorchThreads.run("msde4j-training", options.threads(),
                () -> optimise(planes, masks, options, directory, listener));
    }

    /** The optimisation itself, on the thread {@link LibtorchThreads} gives it. */
    private static Report optimise(List<float[]> planes, List<boolean[]> masks, SelfSupervisedOptions options,
                                   Path directory, Listener listener) throws IOException {
        int size = options.inputSize();
        Preprocessing input = SelfSupervisedBackbone.preprocessing(size);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) options.seed());
        Random random = new Random(options.seed());
        SequentialBlock trunk = options.architecture().trunk();
        SequentialBlock network = new SequentialBlock().add(trunk).add(Linear.builder().setUnits(2).build());
        int batch = Math.min(options.batchSize(), planes.size());
        int stepsPerEpoch = planes.size() / batch;
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        long start = System.nanoTime();
        try (Model model = Model.newInstance("msde4j-ssl", Device.cpu(), "PyTorch")) {
            model.setBlock(network);
            try (Trainer trainer = model.newTrainer(config(options, options.epochs() * stepsPerEpoch))) {
                trainer.initialize(new Shape(2L * batch, 1, size, size));
                float[] x = new float[2 * batch * size * size];
                float[] labels = new float[2 * batch];
                for (int i = batch; i < 2 * batch; i++) {
                    labels[i] = 1;
                }
                int[] order = new int[planes.size()];
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    shuffle(order, random);
                    double lossSum = 0;
                    double correct = 0;
                    for (int step = 0; step < stepsPerEpoch; step++) {
                        for (int b = 0; b < batch; b++) {
                            int i = order[step * batch + b];
                            normalise(planes.get(i), input, x, b);
                            float[] pasted = options.pretext().paste(planes.get(i), size, masks.get(i), random);
                            normalise(pasted, input, x, batch + b);
                        }
                        double[] lossAndCorrect = step(trainer, x, labels, size);
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
                    accuracies.add(correct / (2.0 * batch * stepsPerEpoch));
                    listener.epoch(epoch, options.epochs(), losses.get(epoch - 1), accuracies.get(epoch - 1));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            SelfSupervisedBackbone.save(directory, options, planes.size(), losses, accuracies, seconds,
                    out -> trunk.saveParameters(new DataOutputStream(out)));
            return new Report(directory, losses, accuracies, seconds);
        }
    }

    /** Softmax cross-entropy, SGD with momentum and weight decay, cosine rate over {@code updates}, He init. */
    private static DefaultTrainingConfig config(SelfSupervisedOptions options, int updates) {
        Tracker rate = Tracker.cosine()
                .setBaseValue((float) options.learningRate())
                .optFinalValue(0)
                .setMaxUpdates(Math.max(1, updates))
                .build();
        Optimizer sgd = Optimizer.sgd()
                .setLearningRateTracker(rate)
                .optMomentum((float) options.momentum())
                .optWeightDecays((float) options.weightDecay())
                .build();
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(sgd)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {Device.cpu()});
    }

    /** One update on the batch {@code x} (originals, then pasted copies); returns loss and correct count. */
    private static double[] step(Trainer trainer, float[] x, float[] labels, int size) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.create(FloatBuffer.wrap(x), new Shape(labels.length, 1, size, size));
            NDArray truth = scope.create(labels);
            double loss;
            double correct;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                NDArray value = trainer.getLoss().evaluate(new NDList(truth), predictions);
                collector.backward(value);
                loss = value.getFloat();
                correct = predictions.singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false)
                        .eq(truth).toType(DataType.FLOAT32, false).sum().getFloat();
            }
            trainer.step();
            return new double[] {loss, correct};
        }
    }

    /** Writes the normalised plane as sample {@code index} of the batch tensor. */
    private static void normalise(float[] plane, Preprocessing input, float[] x, int index) {
        double mean = input.mean()[0];
        double std = input.std()[0];
        int base = index * plane.length;
        for (int i = 0; i < plane.length; i++) {
            x[base + i] = (float) ((plane[i] - mean) / std);
        }
    }

    /** A fresh Fisher–Yates permutation of 0…n−1 in {@code order}. */
    private static void shuffle(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}

