package org.msde4j.embed;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a DJL model (TorchScript or a DJL block) on batches of preprocessed images and returns
 * one flattened output row per image: the first output, or, for a model that returns several
 * outputs ending in a feature map {@code (batch, channels, height, width)} (a model exported for
 * {@link LocalFeatures}), that last map averaged over its positions. Every native array of a call lives in that call's
 * translator context and is freed when it returns, so memory does not grow with the number of
 * batches.
 *
 * <p>A batch of one image is run as two copies of it. libtorch convolves a batch of two or more
 * with oneDNN, but a single small image with its own fallback kernel, after asking whether NNPACK
 * can run it; on CPUs NNPACK does not support, that question prints "Could not initialize NNPACK!
 * Reason: Unsupported hardware" on every call. Two copies keep every convolution on oneDNN: no
 * warning, and an image's embedding does not depend on whether it came alone or with others (the
 * fallback kernel rounds differently, by up to about 1e-5 on the self-supervised ResNet).
 */
final class TorchRunner implements AutoCloseable {

    /** {@code count} images of {@code channels × size × size} floats, back to back. */
    private record Batch(float[] data, int count, int channels, int size) {
    }

    /**
     * Copies each batch into one reusable native-order direct buffer, which libtorch reads in
     * place: no per-batch allocation of native memory. The tensor over it lives only during one
     * prediction, so the next batch may overwrite it.
     */
    private static final class BatchTranslator implements NoBatchifyTranslator<Batch, float[][]> {
        private ByteBuffer staging = ByteBuffer.allocateDirect(0);

        @Override
        public NDList processInput(TranslatorContext ctx, Batch batch) {
            int floats = batch.count() * batch.channels() * batch.size() * batch.size();
            if (staging.capacity() < 4 * floats) {
                staging = ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
            }
            staging.clear();
            staging.asFloatBuffer().put(batch.data(), 0, floats);
            staging.limit(4 * floats);
            NDArray x = ctx.getNDManager().create(staging,
                    new Shape(batch.count(), batch.channels(), batch.size(), batch.size()), DataType.FLOAT32);
            return new NDList(x);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray y = list.size() > 1 && list.get(list.size() - 1).getShape().dimension() == 4
                    ? list.get(list.size() - 1).mean(new int[] {3}).mean(new int[] {2})
                    : list.head();
            int count = (int) y.getShape().get(0);
            float[] flat = y.toFloatArray();
            int d = flat.length / count;
            float[][] rows = new float[count][d];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * d, rows[i], 0, d);
            }
            return rows;
        }
    }

    private final Model model;
    private final Predictor<Batch, float[][]> predictor;
    private final Preprocessing preprocessing;
    private final String name;

    /** Takes ownership of {@code model}. */
    TorchRunner(Model model, Preprocessing preprocessing, String name) {
        this.model = model;
        this.preprocessing = preprocessing;
        this.name = name;
        this.predictor = model.newPredictor(new BatchTranslator());
    }

    float[][] run(float[] input, int count) {
        if (input.length < count * preprocessing.length()) {
            throw new IllegalArgumentException(count + " images of " + preprocessing.length() + " floats need "
                    + count * preprocessing.length() + " input values, got " + input.length + ".");
        }
        try {
            if (count == 1) {
                int length = preprocessing.length();
                float[] twice = new float[2 * length];
                System.arraycopy(input, 0, twice, 0, length);
                System.arraycopy(input, 0, twice, length, length);
                return new float[][] {predictor.predict(new Batch(twice, 2, preprocessing.channels(), preprocessing.size()))[0]};
            }
            return predictor.predict(new Batch(input, count, preprocessing.channels(), preprocessing.size()));
        } catch (TranslateException | RuntimeException e) {
            throw new IllegalStateException("backbone " + name + " failed on a batch of " + count + " images of "
                    + preprocessing.channels() + "×" + preprocessing.size() + "×" + preprocessing.size() + " ("
                    + e.getMessage() + "): check that the model accepts this input shape.", e);
        }
    }

    /** The model this runner runs. */
    Model model() {
        return model;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
