package org.msde4j.msde;

import java.util.Arrays;

/**
 * What a mean-shift run did: final positions and the displacement of every row at every iteration.
 *
 * <p>Displacement Δᵢ is ‖mᵢ − yᵢ‖, the distance to the weighted neighbour mean <em>before</em> the
 * step size is applied. Σₜ Δᵢ is the anomaly score of the tabular MSDE paper.
 */
public final class ShiftTrace {

    private final double[][] positions;
    private final double[][] displacement;
    private final double[] meanDisplacement;
    private final double[] maxDisplacement;

    ShiftTrace(double[][] positions, double[][] displacement, double[] meanDisplacement, double[] maxDisplacement) {
        this.positions = positions;
        this.displacement = displacement;
        this.meanDisplacement = meanDisplacement;
        this.maxDisplacement = maxDisplacement;
    }

    /** Iterations actually run. */
    public int iterations() {
        return displacement.length;
    }

    /** Final position of row i (a copy). */
    public double[] position(int i) {
        return positions[i].clone();
    }

    /** All final positions (copies). */
    public double[][] positions() {
        double[][] out = new double[positions.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = positions[i].clone();
        }
        return out;
    }

    /** Δ of row i at iteration t (1-based); 0 after a row stopped moving. */
    public double displacement(int iteration, int row) {
        return displacement[iteration - 1][row];
    }

    /** Mean Δ over the rows that moved at iteration t (1-based). */
    public double meanDisplacement(int iteration) {
        return meanDisplacement[iteration - 1];
    }

    /** Largest Δ at iteration t (1-based). */
    public double maxDisplacement(int iteration) {
        return maxDisplacement[iteration - 1];
    }

    /** Σₜ Δᵢ for every row: the summed-displacement score. */
    public double[] totalDisplacement() {
        double[] total = new double[positions.length];
        for (double[] step : displacement) {
            for (int i = 0; i < total.length; i++) {
                total[i] += step[i];
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return "ShiftTrace{rows=" + positions.length + ", iterations=" + iterations()
                + ", meanDisplacement=" + Arrays.toString(meanDisplacement) + "}";
    }
}
