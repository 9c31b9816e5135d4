package org.msde4j.detect;

import java.util.List;
import java.util.Locale;

/**
 * What a fit did, for printing and for the run manifest.
 *
 * @param rows             training rows n
 * @param dimension        features d
 * @param pcaComponents    components p actually used
 * @param iterations       shift iterations run
 * @param meanDisplacement mean Δ per iteration
 * @param knnBackend       where the kNN products ran
 * @param seconds          wall time of the fit
 * @param warnings         things a user should know (e.g. constant columns), empty if none
 */
public record FitSummary(int rows, int dimension, int pcaComponents, int iterations, double[] meanDisplacement,
                         String knnBackend, double seconds, List<String> warnings) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        String shift = iterations == 0 ? "no shift (0 iterations: the Gaussian of the unshifted rows)"
                : String.format(Locale.ROOT, "%d shift iteration%s (mean displacement %s)", iterations,
                        iterations == 1 ? "" : "s", displacements());
        s.append(String.format(Locale.ROOT, "fitted on %d rows × %d features; PCA %d components; %s; kNN on %s; "
                + "%.2f s", rows, dimension, pcaComponents, shift, knnBackend, seconds));
        for (String w : warnings) {
            s.append("\nwarning: ").append(w);
        }
        return s.toString();
    }

    private String displacements() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < meanDisplacement.length; i++) {
            s.append(i == 0 ? "" : " → ").append(String.format("%.3f", meanDisplacement[i]));
        }
        return s.toString();
    }
}
