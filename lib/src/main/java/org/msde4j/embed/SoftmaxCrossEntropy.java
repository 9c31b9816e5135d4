package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * The paste task's loss −mean log softmax(ŷ)[y] over the batch, for class indices {@code y} and
 * scores {@code ŷ} with the classes on the last axis: the same values as DJL's
 * {@link Loss#softmaxCrossEntropyLoss()}, without its final {@code mul(Number)} by a weight of 1,
 * whose scalar tensor borrows memory that the garbage collector may free before the backward pass
 * reads it (see {@link HalfSquaredError}).
 */
final class SoftmaxCrossEntropy extends Loss {

    SoftmaxCrossEntropy() {
        super("SoftmaxCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(-1);
        int classAxis = logProbabilities.getShape().dimension() - 1;
        NDIndex pick = new NDIndex().addAllDim(classAxis).addPickDim(labels.singletonOrThrow());
        return logProbabilities.get(pick).neg().mean();
    }
}
