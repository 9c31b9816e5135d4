package org.msde4j.msde;

import java.util.Locale;

/** How rows are grouped into the consecutive batches in which density weights are computed. */
public enum RowOrder {

    /**
     * Batches follow the given row order, as in the authors' code. Use it to reproduce published
     * numbers; beware that sorted inputs (all normals, then all anomalies) give label-pure batches.
     */
    AS_GIVEN,

    /** Rows are shuffled with the options' seed before batching (the default). */
    SHUFFLED;

    /** As the command line writes it: {@code as-given} or {@code shuffled}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The order written {@code text} ({@link #key()}, any case). */
    public static RowOrder named(String text) {
        for (RowOrder order : values()) {
            if (order.key().equalsIgnoreCase(text.trim())) {
                return order;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a row order: use shuffled or as-given.");
    }
}
