package org.msde4j.msde;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The bisection of the authors' {@code binary_search_condition}: the smallest radius at which a
 * monotone condition holds, to within 10⁻⁴, in at most 50 halvings.
 */
final class RadiusSearch {

    static final int MAX_STEPS = 50;
    static final double TOLERANCE = 1e-4;

    private RadiusSearch() {
    }

    /**
     * Bisects [low, high]; returns the last midpoint that satisfied the condition, or null if none did.
     * Every step is appended to {@code trace} under the label {@code search}.
     */
    static Double smallestSatisfying(double low, double high, DoublePredicate condition, int search, List<SearchStep> trace) {
        Double result = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            double mid = (low + high) / 2;
            boolean ok = condition.test(mid);
            trace.add(new SearchStep(search, step, mid, ok));
            if (ok) {
                result = mid;
                high = mid;
            } else {
                low = mid;
            }
            if (Math.abs(high - low) < TOLERANCE) {
                break;
            }
        }
        return result;
    }
}
