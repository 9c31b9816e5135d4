package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A self-supervised task that trains a {@link ResNetArchitecture} trunk on normal images only: what a
 * training step is made of, the head on top of the trunk, the loss and the optimiser. The trunk's
 * weights become the backbone; the head is dropped.
 *
 * <p>Images arrive as planes of side {@code size} with values in [0, 1] and enter the network
 * normalised as {@code (v − 0.5) / 0.5}, the backbone's preprocessing.
 */
public sealed interface Pretext permits PasteTask, DenoisingTask {

    /**
     * The task named {@code name}: {@code denoising} ({@link DenoisingTask#coarseNoise()}), {@code anatpaste}
     * ({@link PasteTask#anatPaste()}) or {@code cutpaste} ({@link PasteTask#cutPaste()}), any case.
     */
    static Pretext named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "denoising" -> DenoisingTask.coarseNoise();
            case "anatpaste" -> PasteTask.anatPaste();
            case "cutpaste" -> PasteTask.cutPaste();
            default -> throw new IllegalArgumentException("unknown pretext \"" + name + "\": use denoising, anatpaste or "
                    + "cutpaste (msde-backbone --pretext, msde-eval --ssl-pretext).");
        };
    }

    /** A canonical text of the settings, for model metadata and cache keys. */
    String key();

    /** The learning rate this task trains well with at batch 32 (used unless one is given). */
    double defaultLearningRate();

    /** Per-image data the task needs every step (AnatPaste's anatomy mask), or null. */
    boolean[] prepare(float[] plane);

    /** The network trained: {@code trunk} followed by the task's head. */
    Block network(ResNetArchitecture architecture, SequentialBlock trunk, int size);

    /** The optimiser, its rate following {@code rate}. */
    Optimizer optimizer(Tracker rate, double momentum, double weightDecay);

    Loss loss();

    /** Network inputs per training image (the paste task feeds each image and its pasted copy). */
    int samplesPerImage();

    /** Shape of the targets of {@code samples} inputs. */
    Shape targetShape(int samples, int size);

    /**
     * Writes the inputs and targets of one step: images {@code planes[order[from]]…planes[order[from
     * + count − 1]]} (with their {@link #prepare} data in {@code prepared}) drawn with {@code random}.
     */
    void fill(List<float[]> planes, List<boolean[]> prepared, int[] order, int from, int count, int size,
              Random random, float[] input, float[] target);

    /** Correctly classified inputs among {@code predictions}, or NaN for a task that does not classify. */
    double correct(NDArray predictions, NDArray target);

    /** Writes {@code plane} normalised as the backbone sees it into sample {@code index} of {@code batch}. */
    static void normalise(float[] plane, float[] batch, int index) {
        int base = index * plane.length;
        for (int i = 0; i < plane.length; i++) {
            batch[base + i] = (plane[i] - 0.5f) / 0.5f;
        }
    }
}
