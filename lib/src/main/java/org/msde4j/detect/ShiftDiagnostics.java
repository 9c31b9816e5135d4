package org.msde4j.detect;

import org.msde4j.msde.ShiftTrace;

/**
 * Scores of test rows together with the shift run that moved them, for plots and reports (the
 * latent-shift figure, iteration counts); decisions come from {@link MsdeModel#decide} and
 * {@link MsdeModel#scoreTransductive}, not from here.
 *
 * <p>An inductive run ({@link MsdeModel#diagnose}) moves the test rows alone, so they start at row
 * 0 of the trace; a transductive run ({@link MsdeModel#diagnoseTransductive}) shifts the training
 * rows and the batch together, the batch from row {@code firstTestRow} = n (training rows) on.
 *
 * @param scores       Mahalanobis distance of each shifted test row to the training Gaussian
 * @param trace        the shift run that moved the test rows
 * @param firstTestRow index in {@code trace} of the first test row
 */
public record ShiftDiagnostics(double[] scores, ShiftTrace trace, int firstTestRow) {

    /** Final (shifted, standardised) position of test row i. */
    public double[] position(int i) {
        return trace.position(firstTestRow + i);
    }

    /** Final (shifted, standardised) position of every test row, in order. */
    public double[][] positions() {
        double[][] out = new double[scores.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = position(i);
        }
        return out;
    }
}
