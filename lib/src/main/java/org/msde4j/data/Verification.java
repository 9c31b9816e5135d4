package org.msde4j.data;

import java.util.List;

/**
 * The outcome of checking a dataset on disk: its files, its counts against the manifest, and
 * whether every image decodes.
 *
 * @param id       the dataset id
 * @param found    the counts found ({@code null} when the layout could not be read at all)
 * @param decoded  images that decoded
 * @param problems what is wrong, one line each, naming files; empty when the dataset is fine
 */
public record Verification(String id, SplitCounts found, int decoded, List<String> problems) {

    /** Copies the problem list. */
    public Verification {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** A report for people: one line when fine, otherwise one line per problem. */
    @Override
    public String toString() {
        if (ok()) {
            return id + ": ok — " + found + ", all " + decoded + " images decode.";
        }
        return id + ": " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems);
    }
}
