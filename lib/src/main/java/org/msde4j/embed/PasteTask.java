package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Random;

/**
 * The self-supervised pretext task: copy a rectangular patch of an image to another place in the
 * same image; a network learns to tell pasted images from originals.
 *
 * <ul>
 *   <li><b>CutPaste</b> (Li et al., "CutPaste: Self-Supervised Learning for Anomaly Detection and
 *       Localization", CVPR 2021): patch area a uniform fraction of the image in
 *       [{@code minArea}, {@code maxArea}], aspect ratio log-uniform in [{@code 1/maxAspect},
 *       {@code maxAspect}], source and destination uniform over the image.</li>
 *   <li><b>AnatPaste</b> (Sato et al., "Anatomy-aware self-supervised learning for anomaly
 *       detection in chest radiographs", 2023): the same, but the centres of source and
 *       destination must lie on the anatomy, found by thresholding the image at Otsu's threshold
 *       (the grey level that maximises the between-class variance of the two classes it makes).</li>
 * </ul>
 * A paste whose mean absolute change of the destination is below {@code minChange} (in [0, 1]
 * units; background onto background, say) teaches nothing and is drawn again, up to
 * {@value #ATTEMPTS} times in all; the last draw is kept.
 *
 * <p>As a {@link Pretext}: each step feeds a batch of images and their pasted copies to the trunk's
 * pooled embedding and a linear original-vs-pasted classifier, softmax cross-entropy, SGD with
 * momentum and weight decay (default rate 0.03).
 *
 * @param anatomy   restrict patches to the anatomy (AnatPaste) or not (CutPaste)
 * @param minArea   smallest patch area, as a fraction of the image (&gt; 0)
 * @param maxArea   largest patch area, as a fraction of the image (≤ 0.5)
 * @param maxAspect largest width:height or height:width ratio (≥ 1)
 * @param minChange smallest mean absolute change of the destination that is accepted (≥ 0)
 */
public record PasteTask(boolean anatomy, double minArea, double maxArea, double maxAspect, double minChange)
        implements Pretext {

    /** Draws per image before the last one is kept. */
    public static final int ATTEMPTS = 20;

    public PasteTask {
        if (!(minArea > 0) || !(maxArea >= minArea) || maxArea > 0.5 || !(maxAspect >= 1) || !(minChange >= 0)) {
            throw new IllegalArgumentException("a paste task needs 0 < minArea ≤ maxArea ≤ 0.5, maxAspect ≥ 1 and "
                    + "minChange ≥ 0, got " + minArea + ", " + maxArea + ", " + maxAspect + ", " + minChange + ".");
        }
    }

    /** AnatPaste with CutPaste's patch sizes (2–15 % of the image, aspect up to 3.3), min change 0.01. */
    public static PasteTask anatPaste() {
        return new PasteTask(true, 0.02, 0.15, 3.3, 0.01);
    }

    /** CutPaste: patches anywhere. */
    public static PasteTask cutPaste() {
        return new PasteTask(false, 0.02, 0.15, 3.3, 0.01);
    }

    @Override
    public String key() {
        return (anatomy ? "anatpaste" : "cutpaste") + ";area=" + minArea + ".." + maxArea + ";aspect=" + maxAspect
                + ";minChange=" + minChange;
    }

    /**
     * A pasted copy of a {@code size × size} plane with values in [0, 1].
     *
     * @param mask the anatomy ({@link #anatomyMask}) or null for CutPaste
     */
    public float[] paste(float[] plane, int size, boolean[] mask, Random random) {
        float[] out = plane.clone();
        int[] draw = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            draw = draw(size, mask, random);
            if (change(plane, size, draw) >= minChange) {
                break;
            }
        }
        int w = draw[0];
        int h = draw[1];
        for (int y = 0; y < h; y++) {
            System.arraycopy(plane, (draw[3] + y) * size + draw[2], out, (draw[5] + y) * size + draw[4], w);
        }
        return out;
    }

    /** Patch width, height, source x, y, destination x, y. */
    private int[] draw(int size, boolean[] mask, Random random) {
        double area = (minArea + (maxArea - minArea) * random.nextDouble()) * size * size;
        double aspect = Math.exp((2 * random.nextDouble() - 1) * Math.log(maxAspect));
        int w = clamp((int) Math.round(Math.sqrt(area * aspect)), 1, size - 1);
        int h = clamp((int) Math.round(Math.sqrt(area / aspect)), 1, size - 1);
        int[] from = corner(size, w, h, mask, random);
        int[] to = corner(size, w, h, mask, random);
        return new int[] {w, h, from[0], from[1], to[0], to[1]};
    }

    /** A top-left corner whose patch centre lies on the mask (when given and possible). */
    private static int[] corner(int size, int w, int h, boolean[] mask, Random random) {
        int x = 0;
        int y = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            x = random.nextInt(size - w + 1);
            y = random.nextInt(size - h + 1);
            if (mask == null || mask[(y + h / 2) * size + x + w / 2]) {
                break;
            }
        }
        return new int[] {x, y};
    }

    private static double change(float[] plane, int size, int[] d) {
        double sum = 0;
        for (int y = 0; y < d[1]; y++) {
            for (int x = 0; x < d[0]; x++) {
                sum += Math.abs(plane[(d[3] + y) * size + d[2] + x] - plane[(d[5] + y) * size + d[4] + x]);
            }
        }
        return sum / (d[0] * d[1]);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public double defaultLearningRate() {
        return 0.03;
    }

    @Override
    public boolean[] prepare(float[] plane) {
        return anatomyMask(plane);
    }

    @Override
    public Block network(ResNetArchitecture architecture, SequentialBlock trunk, int size) {
        return new SequentialBlock().add(trunk).add(Linear.builder().setUnits(2).build());
    }

    @Override
    public Optimizer optimizer(Tracker rate, double momentum, double weightDecay) {
        return Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) momentum)
                .optWeightDecays((float) weightDecay).build();
    }

    @Override
    public Loss loss() {
        return new SoftmaxCrossEntropy();
    }

    @Override
    public int samplesPerImage() {
        return 2;
    }

    @Override
    public Shape targetShape(int samples, int size) {
        return new Shape(samples);
    }

    /** The {@code count} originals first (label 0), then their pasted copies (label 1). */
    @Override
    public void fill(List<float[]> planes, List<boolean[]> prepared, int[] order, int from, int count, int size,
                     Random random, float[] input, float[] target) {
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            Pretext.normalise(planes.get(i), input, b);
            Pretext.normalise(paste(planes.get(i), size, prepared.get(i), random), input, count + b);
            target[b] = 0;
            target[count + b] = 1;
        }
    }

    @Override
    public double correct(NDArray predictions, NDArray target) {
        return predictions.argMax(1).toType(DataType.FLOAT32, false).eq(target).toType(DataType.FLOAT32, false)
                .sum().getFloat();
    }

    /** Pixels above Otsu's threshold (256 bins over [0, 1]); null for CutPaste. */
    public boolean[] anatomyMask(float[] plane) {
        if (!anatomy) {
            return null;
        }
        int[] histogram = new int[256];
        for (float v : plane) {
            histogram[clamp((int) (v * 255.999), 0, 255)]++;
        }
        double total = plane.length;
        double sumAll = 0;
        for (int i = 0; i < 256; i++) {
            sumAll += i * (double) histogram[i];
        }
        double sumBelow = 0;
        double countBelow = 0;
        double best = -1;
        int threshold = 0;
        for (int t = 0; t < 256; t++) {
            countBelow += histogram[t];
            sumBelow += t * (double) histogram[t];
            double countAbove = total - countBelow;
            if (countBelow == 0 || countAbove == 0) {
                continue;
            }
            double meanBelow = sumBelow / countBelow;
            double meanAbove = (sumAll - sumBelow) / countAbove;
            double between = countBelow * countAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        boolean[] mask = new boolean[plane.length];
        for (int i = 0; i < plane.length; i++) {
            mask[i] = clamp((int) (plane[i] * 255.999), 0, 255) > threshold;
        }
        return mask;
    }
}
