package org.msde4j.detect;

import org.msde4j.math.Matrices;

/** Input checks shared by the detectors. */
final class Inputs {

    private Inputs() {
    }

    static int checkTraining(double[][] train, int minRows, String why) {
        int d = Matrices.requireFiniteMatrix(train, "training data");
        if (train.length < minRows) {
            throw new IllegalArgumentException("training data has " + train.length + " rows but " + why
                    + " needs at least " + minRows + ".");
        }
        return d;
    }

    static void checkTest(double[][] test, int d) {
        int width = Matrices.requireFiniteMatrix(test, "test data");
        if (width != d) {
            throw new IllegalArgumentException("test data has " + width + " columns but the model was fitted on " + d
                    + ": score embeddings from the same backbone and preprocessing as the training data.");
        }
    }
}
