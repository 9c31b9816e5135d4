package org.msde4j.eval;

/** The methods an evaluation compares on the same embeddings. */
public enum Method {

    /** MSDE, the paper's protocol: test rows shifted together with the training rows. */
    MSDE_TRANSDUCTIVE("MSDE (transductive)"),
    /** MSDE, deployment: each test row shifted alone towards the fitted training rows. */
    MSDE_INDUCTIVE("MSDE (inductive)"),
    /** PCA + Gaussian without the shift. */
    GDE("GDE (no MSDE)"),
    /** Mean distance to the k nearest training rows. */
    KNN("kNN distance");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** Human-readable name for tables and plots. */
    public String label() {
        return label;
    }
}
