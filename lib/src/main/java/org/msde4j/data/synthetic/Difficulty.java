package org.msde4j.data.synthetic;

/**
 * How hard the tumours of the synthetic brain MRI are to find: their radius (in units of half the
 * field of view, so 0.1 is 6.4 pixels at 128 px), their FLAIR contrast over white matter (on the
 * 0–1 intensity scale, where grey matter is about 0.53), and how far they push the surrounding
 * tissue (mass effect, as a fraction of the radius).
 */
public enum Difficulty {
    /** Large, bright tumours with wide oedema and clear mass effect. */
    EASY(0.10, 0.16, 0.20, 0.30, 0.5),
    /** Mid-sized tumours of moderate contrast. */
    MEDIUM(0.07, 0.11, 0.14, 0.22, 0.35),
    /** Small, faint lesions with little mass effect. */
    HARD(0.05, 0.085, 0.10, 0.17, 0.2);

    final double minRadius;
    final double maxRadius;
    final double minContrast;
    final double maxContrast;
    final double mass;

    Difficulty(double minRadius, double maxRadius, double minContrast, double maxContrast, double mass) {
        this.minRadius = minRadius;
        this.maxRadius = maxRadius;
        this.minContrast = minContrast;
        this.maxContrast = maxContrast;
        this.mass = mass;
    }
}
