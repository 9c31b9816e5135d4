package org.msde4j.data.synthetic;

import java.util.SplittableRandom;

/**
 * A brain tumour as FLAIR shows it: an irregular hyperintense mass (radius modulated by its 2nd
 * and 3rd angular harmonics), a darker necrotic centre when large, a surrounding rim of oedema
 * that spreads mainly through white matter, and mass effect that pushes the nearby anatomy away.
 * Coordinates are in the head frame of {@link Subject}.
 */
record Tumour(double x, double y, double radius, double harmonic2, double phase2, double harmonic3, double phase3,
              double contrast, double oedemaReach, double oedemaContrast, double necrosis, double mass,
              ValueNoise texture) {

    /** Draws a tumour of the given difficulty at a random place inside the subject's brain. */
    static Tumour draw(Subject s, Difficulty d, SplittableRandom r) {
        double radius = Subject.uniform(r, d.minRadius, d.maxRadius);
        double brainWidth = s.halfWidth() - s.brainInset();
        double brainLength = s.halfLength() - s.brainInset();
        double x;
        double y;
        do {
            double angle = 2 * Math.PI * r.nextDouble();
            double reach = Math.sqrt(r.nextDouble()) * 0.8;
            x = Math.cos(angle) * reach * brainWidth;
            y = Math.sin(angle) * reach * brainLength;
        } while (Math.hypot(x / brainWidth, y / brainLength) + radius / brainWidth > 0.85
                || Math.abs(x) < 0.12 * brainWidth && Math.abs(y) < 0.35 * brainLength);
        double contrast = Subject.uniform(r, d.minContrast, d.maxContrast);
        boolean necrotic = radius > 0.11 && r.nextDouble() < 0.6;
        return new Tumour(x, y, radius, Subject.uniform(r, 0, 0.15), Subject.uniform(r, 0, 2 * Math.PI),
                Subject.uniform(r, 0, 0.1), Subject.uniform(r, 0, 2 * Math.PI), contrast,
                Subject.uniform(r, 1.6, 2.6), contrast * Subject.uniform(r, 0.5, 0.8),
                necrotic ? contrast * Subject.uniform(r, 0.4, 0.8) : 0, d.mass * radius, new ValueNoise(24, r));
    }

    /** The tumour's edge distance from its centre in direction (dx, dy). */
    double edge(double dx, double dy) {
        double angle = Math.atan2(dy, dx);
        return radius * (1 + harmonic2 * Math.cos(2 * angle + phase2) + harmonic3 * Math.cos(3 * angle + phase3));
    }

    /**
     * What the tumour does at one point.
     *
     * @param sourceX x of the healthy anatomy that mass effect moved to this point
     * @param sourceY its y
     * @param core    share of the point inside the tumour mass (0–1)
     * @param oedema  oedema strength (0–1), falling off quadratically from the tumour's edge
     * @param value   intensity of the tumour mass here
     */
    record Effect(double sourceX, double sourceY, double core, double oedema, double value) {
    }

    /**
     * The tumour's effect at head-frame point (x, y) of {@code s}; {@code hold} in [0, 1] fades the
     * mass effect out towards the skull, {@code pixel} is the width of a pixel for anti-aliasing.
     */
    Effect at(double x, double y, double hold, double pixel, Subject s) {
        double dx = x - this.x;
        double dy = y - this.y;
        double d = Math.hypot(dx, dy);
        double push = d > 1e-9 ? displacement(d) * Math.max(0, hold) / d : 0;
        double boundary = edge(dx, dy) * (1 + 0.12 * texture.at(x * 2, y * 2));
        double reach = boundary * oedemaReach * (1 + 0.3 * s.folds().at(x * 3, y * 3));
        double fall = Math.max(0, Math.min(1, (d - boundary) / (reach - boundary)));
        double necrotic = necrosis * Math.max(0, Math.min(1, 0.5 + (0.5 * boundary - d) / pixel));
        return new Effect(x - push * dx, y - push * dy, Math.max(0, Math.min(1, 0.5 + (boundary - d) / pixel)),
                (1 - fall) * (1 - fall), s.white() + contrast * (1 + 0.25 * texture.at(x * 1.5, y * 1.5)) - necrotic);
    }

    /**
     * How far the anatomy seen at distance {@code d} from the centre was pushed outwards:
     * M·exp(−d²/(2σ²)) with σ = 1.6·radius, whose slope stays below 1 so the warp never folds.
     */
    double displacement(double d) {
        double sigma = 1.6 * radius;
        return mass * Math.exp(-d * d / (2 * sigma * sigma));
    }
}
