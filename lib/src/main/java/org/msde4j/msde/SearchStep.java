package org.msde4j.msde;

/**
 * One midpoint tested by the radius bisection of a weight batch.
 *
 * @param search    1 for the first search, 2 for the relaxed one
 * @param step      0-based step within that search
 * @param mid       the radius tested
 * @param satisfied whether the density condition held at {@code mid}
 */
public record SearchStep(int search, int step, double mid, boolean satisfied) {
}
