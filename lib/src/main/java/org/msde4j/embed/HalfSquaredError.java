package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * The denoising loss ½·mean((y − ŷ)²) over every value of the batch, the same values as DJL's
 * {@link Loss#l2Loss()}, but safe to differentiate.
 *
 * <p>DJL's loss multiplies by ½ with {@code NDArray.mul(Number)}, which wraps the number in a tensor
 * whose memory is a Java direct buffer and closes it at once. Autograd keeps that tensor for the
 * backward pass (∂(a·c)/∂a = c); once the garbage collector has freed the buffer, the backward pass
 * reads whatever lies there since: the gradient is scaled by garbage, silently or as NaN, depending
 * on when the collector ran. Here the ½ is a tensor libtorch allocates and owns, so the backward pass
 * reads what was multiplied ({@code PretextLossTest} frees and overwrites memory between the two
 * passes).
 */
final class HalfSquaredError extends Loss {

    HalfSquaredError() {
        super("HalfSquaredError");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray predicted = predictions.singletonOrThrow();
        NDArray half = predicted.getManager().full(new Shape(), 0.5f);
        return labels.singletonOrThrow().reshape(predicted.getShape()).sub(predicted).square().mul(half).mean();
    }
}
