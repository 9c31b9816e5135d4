package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pretext losses: values and gradients worked out by hand, and gradients that stay right when the
 * garbage collector runs, and freed memory is overwritten, between the forward and the backward pass
 * (DJL's own {@code Loss.l2Loss()} fails this: its gradient came out as −1e29 here).
 */
class PretextLossTest {

    /** Predictions (1, 2; 3, 4). */
    private static NDArray predictions(NDManager manager) {
        NDArray p = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        p.setRequiresGradient(true);
        return p;
    }

    /**
     * Forward, then a collection and 20 000 fresh 4-byte direct buffers holding NaN (what the freed
     * memory of a borrowed scalar would read as), then backward; returns the loss and keeps nothing.
     */
    private static float forwardCollectBackward(Loss loss, NDArray labels, NDArray predictions) throws InterruptedException {
        List<ByteBuffer> overwrite = new ArrayList<>();
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray value = loss.evaluate(new NDList(labels), new NDList(predictions));
            System.gc();
            Thread.sleep(100);
            for (int i = 0; i < 20_000; i++) {
                overwrite.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
            }
            collector.backward(value);
            return value.getFloat();
        }
    }

    @Test
    void halfSquaredErrorAndItsGradientSurviveACollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray p = predictions(manager);
            // ½·mean((0 − ŷ)²) = ½·(1 + 4 + 9 + 16)/4 = 3.75; ∂/∂ŷᵢ = ŷᵢ/4.
            float value = forwardCollectBackward(new HalfSquaredError(), manager.zeros(new Shape(2, 2)), p);
            assertEquals(3.75f, value, 1e-6f);
            assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f, 1f}, p.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void softmaxCrossEntropyAndItsGradientSurviveACollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray p = predictions(manager);
            // Rows (1, 2) with class 0 and (3, 4) with class 1; softmax of (a, a + 1) = (s, 1 − s),
            // s = 1/(1 + e). Loss = (−log s − log(1 − s))/2; ∂/∂ŷ = (softmax − one-hot)/2.
            double s = 1 / (1 + Math.E);
            float value = forwardCollectBackward(new SoftmaxCrossEntropy(), manager.create(new float[] {0, 1}), p);
            assertEquals((-Math.log(s) - Math.log(1 - s)) / 2, value, 1e-6);
            // Row 1 (class 0): (s − 1, 1 − s)/2; row 2 (class 1): (s, −s)/2.
            float a = (float) ((1 - s) / 2);
            float b = (float) (s / 2);
            assertArrayEquals(new float[] {-a, a, b, -b}, p.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void theValuesAreDjlsLossesBitForBit() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray p = manager.randomNormal(new Shape(8, 2)).mul(3);
            NDArray target = manager.randomNormal(new Shape(8, 2));
            NDArray classes = manager.create(new float[] {0, 1, 1, 0, 1, 0, 0, 1});
            assertEquals(Loss.l2Loss().evaluate(new NDList(target), new NDList(p)).getFloat(),
                    new HalfSquaredError().evaluate(new NDList(target), new NDList(p)).getFloat());
            assertEquals(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(classes), new NDList(p)).getFloat(),
                    new SoftmaxCrossEntropy().evaluate(new NDList(classes), new NDList(p)).getFloat());
        }
    }
}
