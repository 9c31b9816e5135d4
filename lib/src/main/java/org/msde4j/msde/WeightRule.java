package org.msde4j.msde;

/**
 * When a radius ε is "dense enough" in MSDE's radius search: enough profiles must have more than
 * τ other profiles within ε.
 */
public enum WeightRule {

    /**
     * The condition as shipped in the authors' code: the <em>sum of the batch-local indices</em> of
     * the qualifying rows must reach q = ⌊0.3·b⌋. Reproduces the published numbers.
     */
    REFERENCE,

    /** The corrected condition, as in the authors' ablation notebooks: the <em>number</em> of qualifying rows must reach q. */
    COUNT;

    boolean satisfied(int[] counts, int threshold, int required) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > threshold) {
                total += this == REFERENCE ? i : 1;
            }
        }
        return total >= required;
    }
}
