package org.msde4j.eval;

/**
 * A point estimate with a confidence interval.
 *
 * @param estimate the metric on the full sample
 * @param lower    lower bound
 * @param upper    upper bound
 * @param level    coverage, e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double level) {

    @Override
    public String toString() {
        return String.format("%.4f [%.4f, %.4f]", estimate, lower, upper);
    }
}
