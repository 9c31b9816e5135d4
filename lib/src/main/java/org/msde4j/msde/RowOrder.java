package org.msde4j.msde;

/** How rows are grouped into the consecutive batches in which density weights are computed. */
public enum RowOrder {

    /**
     * Batches follow the given row order, as in the authors' code. Use it to reproduce published
     * numbers; beware that sorted inputs (all normals, then all anomalies) give label-pure batches.
     */
    AS_GIVEN,

    /** Rows are shuffled with the options' seed before batching (the default). */
    SHUFFLED
}
