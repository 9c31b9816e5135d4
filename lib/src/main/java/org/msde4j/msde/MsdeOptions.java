package org.msde4j.msde;

/**
 * Settings of Mean Shift Density Enhancement, validated on construction.
 *
 * @param k             neighbours per shift step, the point itself included (paper: 50)
 * @param tau           neighbour-count threshold τ of the density weights (paper: 70)
 * @param eta           step size η ∈ (0, 1] (paper: 0.33)
 * @param maxIterations shift iterations at most (paper: 8)
 * @param tolerance     stop when the mean displacement falls below this (paper: 0.01)
 * @param weightRule    {@link WeightRule#COUNT} (default, corrected) or {@link WeightRule#REFERENCE}
 * @param rowOrder      {@link RowOrder#SHUFFLED} (default) or {@link RowOrder#AS_GIVEN}
 * @param seed          seed of the row shuffle
 */
public record MsdeOptions(int k, int tau, double eta, int maxIterations, double tolerance,
                          WeightRule weightRule, RowOrder rowOrder, long seed) {

    /** Default seed of msde4j. */
    public static final long DEFAULT_SEED = 42L;

    /** Validates every setting, naming the offending one. */
    public MsdeOptions {
        if (k < 1) {
            throw new IllegalArgumentException("option k (neighbours per shift step) must be ≥ 1, got " + k + ".");
        }
        if (tau < 1) {
            throw new IllegalArgumentException("option tau (neighbour-count threshold) must be ≥ 1, got " + tau + ".");
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("option eta (step size) must be in (0, 1], got " + eta + ".");
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("option iterations must be ≥ 0, got " + maxIterations + ".");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("option tolerance must be a finite number ≥ 0, got " + tolerance + ".");
        }
        if (weightRule == null || rowOrder == null) {
            throw new IllegalArgumentException("options weightRule and rowOrder must not be null.");
        }
    }

    /** The medical paper's settings (k 50, τ 70, η 0.33, 8 iterations, tol 0.01), corrected weight rule, shuffled batches. */
    public static MsdeOptions defaults() {
        return new MsdeOptions(50, 70, 0.33, 8, 0.01, WeightRule.COUNT, RowOrder.SHUFFLED, DEFAULT_SEED);
    }

    /** The paper's settings exactly as the authors' code runs them: index-sum weight rule, batches in row order. */
    public static MsdeOptions reference() {
        return defaults().withWeightRule(WeightRule.REFERENCE).withRowOrder(RowOrder.AS_GIVEN);
    }

    public MsdeOptions withK(int value) {
        return new MsdeOptions(value, tau, eta, maxIterations, tolerance, weightRule, rowOrder, seed);
    }

    public MsdeOptions withTau(int value) {
        return new MsdeOptions(k, value, eta, maxIterations, tolerance, weightRule, rowOrder, seed);
    }

    public MsdeOptions withEta(double value) {
        return new MsdeOptions(k, tau, value, maxIterations, tolerance, weightRule, rowOrder, seed);
    }

    public MsdeOptions withMaxIterations(int value) {
        return new MsdeOptions(k, tau, eta, value, tolerance, weightRule, rowOrder, seed);
    }

    public MsdeOptions withTolerance(double value) {
        return new MsdeOptions(k, tau, eta, maxIterations, value, weightRule, rowOrder, seed);
    }

    public MsdeOptions withWeightRule(WeightRule value) {
        return new MsdeOptions(k, tau, eta, maxIterations, tolerance, value, rowOrder, seed);
    }

    public MsdeOptions withRowOrder(RowOrder value) {
        return new MsdeOptions(k, tau, eta, maxIterations, tolerance, weightRule, value, seed);
    }

    public MsdeOptions withSeed(long value) {
        return new MsdeOptions(k, tau, eta, maxIterations, tolerance, weightRule, rowOrder, value);
    }
}
