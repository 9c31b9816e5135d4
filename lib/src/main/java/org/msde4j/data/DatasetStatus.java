package org.msde4j.data;

import java.util.Locale;

/**
 * Whether a dataset is in place under the data root.
 *
 * @param id     the dataset id
 * @param state  missing, partial or complete
 * @param detail why it is partial, or its counts when complete
 */
public record DatasetStatus(String id, State state, String detail) {

    /** How much of a dataset is there. */
    public enum State {
        /** no folder for it */
        MISSING,
        /** a folder, but files are missing or the counts differ from the manifest */
        PARTIAL,
        /** every listed file is there and the counts match the manifest */
        COMPLETE
    }

    /** Whether every listed file is there and the counts match: the dataset can be evaluated. */
    public boolean complete() {
        return state == State.COMPLETE;
    }

    @Override
    public String toString() {
        return String.format("%-20s %-8s %s", id, state.name().toLowerCase(Locale.ROOT), detail);
    }
}
