package org.msde4j.data.synthetic;

import java.util.SplittableRandom;

/**
 * Smooth random texture on the square [−1, 1]²: random values on a regular lattice, blended with
 * the smoothstep weights 3t² − 2t³ (value noise; Perlin, "An image synthesizer", SIGGRAPH 1985,
 * describes the lattice idea). Values lie in [−1, 1]; features are about 2/{@code cells} wide.
 */
final class ValueNoise {

    private final int cells;
    private final float[] lattice;

    /** A field with {@code cells} × {@code cells} lattice cells over the square. */
    ValueNoise(int cells, SplittableRandom random) {
        this.cells = cells;
        this.lattice = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = (float) (2 * random.nextDouble() - 1);
        }
    }

    /** The field at (x, y); points outside the square take the value at its border. */
    double at(double x, double y) {
        double u = clamp((x + 1) / 2 * cells, cells);
        double v = clamp((y + 1) / 2 * cells, cells);
        int i = Math.min((int) u, cells - 1);
        int j = Math.min((int) v, cells - 1);
        double s = smooth(u - i);
        double t = smooth(v - j);
        int row = cells + 1;
        double top = lattice[j * row + i] + s * (lattice[j * row + i + 1] - lattice[j * row + i]);
        double bottom = lattice[(j + 1) * row + i] + s * (lattice[(j + 1) * row + i + 1] - lattice[(j + 1) * row + i]);
        return top + t * (bottom - top);
    }

    private static double clamp(double value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
