package org.msde4j.eval;

/**
 * Where MSDE moved the test rows: their standardised positions before the shift and after it, for
 * the latent-shift plot.
 *
 * @param before standardised test rows
 * @param after  the same rows after the shift
 */
public record ShiftView(double[][] before, double[][] after) {
}
