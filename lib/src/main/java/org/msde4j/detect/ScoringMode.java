package org.msde4j.detect;

import java.util.Locale;

/**
 * The two protocols by which test rows are shifted before they are scored, by name (msde-score's
 * {@code --mode}, the scorers of {@link MsdeModel#scorer}); each is its own call on the model.
 */
public enum ScoringMode {

    /**
     * The paper's protocol: the test rows are stacked under the training rows, density weights are
     * recomputed on the union, and all rows are shifted together. A score depends on which other
     * rows are scored with it. {@link MsdeModel#scoreTransductive}.
     */
    TRANSDUCTIVE,

    /**
     * Deployment: each test row moves towards the fitted (shifted) training rows with the training
     * weights; the training rows stay put. A score depends on that row alone.
     * {@link MsdeModel#score(double[][])}.
     */
    INDUCTIVE;

    /** MSDE scored by this protocol, as tables and plots name it: {@code "MSDE (transductive)"}, {@code "MSDE (inductive)"}. */
    public String label() {
        return "MSDE (" + name().toLowerCase(Locale.ROOT) + ")";
    }
}
