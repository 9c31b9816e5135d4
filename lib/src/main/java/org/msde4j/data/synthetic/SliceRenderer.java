package org.msde4j.data.synthetic;

import java.util.SplittableRandom;

/**
 * Renders a {@link Subject} (and optionally a {@link Tumour}) as an axial FLAIR-like slice: black
 * background, scalp, dark skull with a brighter diploë, cerebrospinal fluid (suppressed, dark),
 * a folded grey-matter ribbon over white matter, the interhemispheric fissure, the lateral
 * ventricles, the caudate and lentiform nuclei; then a smooth multiplicative bias field and Rician
 * noise √((s + n₁)² + n₂²) with n₁, n₂ ~ N(0, σ²) (Gudbjartsson &amp; Patz, MRM 1995).
 *
 * <p>Every boundary is blended over one pixel (the covered fraction is approximated from the
 * signed distance), so edges are anti-aliased at any size. Intensities are on a 0–1 scale before
 * the 8-bit output.
 */
final class SliceRenderer {

    private static final double CSF = 0.07;
    private static final double BONE = 0.06;
    private static final double DIPLOE = 0.2;

    private final Subject s;
    private final Tumour t;
    private final double pixel;

    private SliceRenderer(Subject subject, Tumour tumour, int size) {
        this.s = subject;
        this.t = tumour;
        this.pixel = 2.0 / size / subject.scale();
    }

    /** Receives one pixel: its index, image coordinates (−1…1, y up) and head-frame coordinates. */
    @FunctionalInterface
    private interface PixelVisitor {
        void visit(int index, double px, double py, double hx, double hy);
    }

    /** Visits every pixel row by row from the top (anterior) row, mapping it into the head frame. */
    private static void eachPixel(Subject subject, int size, PixelVisitor visitor) {
        double cos = Math.cos(subject.rotation());
        double sin = Math.sin(subject.rotation());
        for (int j = 0; j < size; j++) {
            double py = 1 - (j + 0.5) * 2 / size;
            for (int i = 0; i < size; i++) {
                double px = (i + 0.5) * 2 / size - 1;
                double dx = px - subject.centreX();
                double dy = py - subject.centreY();
                double hx = (cos * dx + sin * dy) / subject.scale();
                double hy = (-sin * dx + cos * dy) / subject.scale();
                visitor.visit(j * size + i, px, py, hx, hy);
            }
        }
    }

    /** The 8-bit grey slice, row-major from the top (anterior) row. */
    static int[] render(Subject subject, Tumour tumour, int size, SplittableRandom noise) {
        SliceRenderer renderer = new SliceRenderer(subject, tumour, size);
        int[] out = new int[size * size];
        eachPixel(subject, size, (index, px, py, hx, hy) -> {
            double value = renderer.intensity(hx, hy);
            value *= subject.gain() * (1 + subject.biasX() * px + subject.biasY() * py
                    + subject.biasR() * (px * px + py * py - 0.5));
            double n1 = subject.noise() * noise.nextGaussian();
            double n2 = subject.noise() * noise.nextGaussian();
            double rician = Math.sqrt((value + n1) * (value + n1) + n2 * n2);
            out[index] = (int) Math.max(0, Math.min(255, Math.round(rician * 255)));
        });
        return out;
    }

    /**
     * Where the tumour is, row-major like {@link #render}: the "whole tumour" of BraTS, i.e. pixels
     * of the brain that the mass covers at least half of, or where the oedema has at least half its
     * peak strength (the inner part of its rim, where it adds at least half its contrast). Draws no
     * random numbers, so the slice itself is unchanged by asking for it.
     */
    static boolean[] tumourMask(Subject subject, Tumour tumour, int size) {
        SliceRenderer renderer = new SliceRenderer(subject, tumour, size);
        boolean[] out = new boolean[size * size];
        eachPixel(subject, size, (index, px, py, hx, hy) -> {
            double brainDepth = renderer.depth(hx, hy) - subject.brainInset();
            if (brainDepth >= 0) {
                Tumour.Effect lesion = tumour.at(hx, hy, Math.min(1, brainDepth / 0.08), renderer.pixel, subject);
                out[index] = lesion.core() >= 0.5 || lesion.oedema() >= 0.5;
            }
        });
        return out;
    }

    /** Share of a pixel on the positive side of a boundary at signed distance {@code d}. */
    private double inside(double d) {
        return Math.max(0, Math.min(1, 0.5 + d / pixel));
    }

    private static double mix(double from, double to, double weight) {
        return from + (to - from) * weight;
    }

    /** Intensity at head-frame point (x, y), before bias, gain and noise. */
    private double intensity(double x, double y) {
        double depth = depth(x, y);
        double head = inside(depth);
        if (head == 0) {
            return 0;
        }
        double scalp = s.scalpTone() * (1 + 0.12 * s.coarse().at(x, y) + 0.08 * s.fine().at(x, y));
        double skullMiddle = s.scalp() + s.skull() / 2;
        double diploe = Math.max(0, 1 - Math.abs(depth - skullMiddle) / (0.3 * s.skull()));
        double v = mix(scalp, BONE + (DIPLOE - BONE) * diploe, inside(depth - s.scalp()));
        v = mix(v, CSF, inside(depth - s.scalp() - s.skull()));
        double brainDepth = depth - s.brainInset();
        double brain = inside(brainDepth);
        if (brain > 0) {
            v = mix(v, brain(x, y, Math.min(1, brainDepth / 0.08)), brain);
        }
        return v * head;
    }

    /** Depth of head-frame point (x, y) below the scalp surface (negative outside the head). */
    private double depth(double x, double y) {
        double ex = x / (1 - s.egg() * y / s.halfLength());
        double r = Math.hypot(ex, y);
        double cos = r == 0 ? 1 : ex / r;
        double sin = r == 0 ? 0 : y / r;
        return s.headRadius(cos, sin) - r;
    }

    /** Brain tissue at (x, y); {@code hold} in [0, 1] fades the mass effect out towards the skull. */
    private double brain(double x, double y, double hold) {
        Tumour.Effect lesion = t == null ? new Tumour.Effect(x, y, 0, 0, 0) : t.at(x, y, hold, pixel, s);
        double qx = lesion.sourceX();
        double qy = lesion.sourceY();
        double ex = qx / (1 - s.egg() * qy / s.halfLength());
        double r = Math.hypot(ex, qy);
        double depth = s.headRadius(r == 0 ? 1 : ex / r, r == 0 ? 0 : qy / r) - s.brainInset() - r;

        double phase = foldPhase(qx, qy);
        double h = pixel / 2;
        double slope = Math.hypot(wrap(foldPhase(qx + h, qy) - phase), wrap(foldPhase(qx, qy + h) - phase)) / h;
        double toSulcus = Math.min(sulcusDistance(phase, slope, depth, 1), sulcusDistance(phase + 0.5, slope, depth, 0.45));
        double sulcusWidth = s.sulcusWidth() * (1 + 0.5 * Math.max(0, 1 - depth / 0.08));
        double toFissure = fissureDistance(ex, qy);
        double fissureWidth = 0.006 + 0.006 * s.atrophy();

        double cortex = s.cortex() * (1 + 0.2 * s.folds().at(qx * 4, qy * 4));
        double grey = inside(cortex - Math.min(depth, Math.min(toSulcus, toFissure)));
        double v = mix(s.white(), s.grey(), grey);
        double brainWidth = s.halfWidth() - s.brainInset();
        double nx = ex / brainWidth;
        double ny = qy / (s.halfLength() - s.brainInset());
        v = deepGreyMatter(v, nx, ny, brainWidth);
        v += t == null ? 0 : t.oedemaContrast() * lesion.oedema() * (0.4 + 0.6 * (1 - grey));
        double ventricle = inside(-ventricleDistance(nx, ny) * brainWidth);
        v = mix(v, CSF, Math.max(ventricle, Math.max(inside(sulcusWidth - toSulcus), inside(fissureWidth - toFissure))));
        v *= 1 + 0.05 * s.coarse().at(qx, qy) + 0.035 * s.fine().at(qx, qy);
        return mix(v, lesion.value(), lesion.core());
    }

    /** Distance to the interhemispheric fissure: the midline, cut in from the front and from the back. */
    private double fissureDistance(double x, double y) {
        double brainLength = s.halfLength() - s.brainInset();
        double front = brainLength * (1 - s.fissureFront());
        double back = -brainLength * (1 - s.fissureBack());
        return Math.min(y > front ? Math.abs(x) : Math.hypot(x, y - front), y < back ? Math.abs(x) : Math.hypot(x, y - back));
    }

    /** Blends in the caudate heads beside the frontal horns and, at lower levels, the lentiform nuclei. */
    private double deepGreyMatter(double v, double nx, double ny, double brainWidth) {
        double deep = (s.grey() + s.white()) / 2 + 0.01;
        v = mix(v, deep, inside(-ellipseDistance(Math.abs(nx) - 0.19, ny - 0.2, 0.08, 0.12) * brainWidth));
        double lentiform = Math.max(0, Math.min(1, (0.6 - s.level()) / 0.3));
        return mix(v, deep, lentiform * inside(-ellipseDistance(Math.abs(nx) - 0.4, ny, 0.09, 0.2) * brainWidth));
    }

    /**
     * The folding phase at (x, y): the polar angle scaled so that the sulci sit at whole numbers,
     * bent by smooth noise so that they meander instead of running straight to the centre.
     */
    private double foldPhase(double x, double y) {
        return s.sulci() * (Math.atan2(y, x) / (2 * Math.PI) + 0.5) + s.sulcusPhase()
                + 0.9 * s.folds().at(x * 1.5, y * 1.5) + 0.35 * s.bends().at(x * 1.2, y * 1.2);
    }

    /** A phase difference without the jump of N where the polar angle wraps from π to −π. */
    private double wrap(double difference) {
        return difference - s.sulci() * Math.rint(difference / s.sulci());
    }

    /**
     * Distance to the nearest sulcus: a curve where the phase is a whole number, from the brain
     * surface down to its own depth times {@code reach}. Across the curve the distance is
     * |phase − nearest whole number| / |∇phase| (first order); below its bottom the distance to
     * the bottom is added in quadrature. Branches (reach &lt; 1) exist for every other index only.
     */
    private double sulcusDistance(double phase, double slope, double depth, double reach) {
        double nearest = Math.rint(phase);
        int index = Math.floorMod((int) nearest, s.sulci());
        if (reach < 1 && index % 2 == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double bottom = s.sulcusDepth()[index] * reach;
        double lateral = Math.abs(phase - nearest) / Math.max(slope, 1e-9);
        return depth < bottom ? lateral : Math.hypot(lateral, depth - bottom);
    }

    /** Approximate signed distance (in normalised units) to an ellipse with semi-axes (a, b) centred at the origin. */
    private static double ellipseDistance(double dx, double dy, double a, double b) {
        double e = Math.hypot(dx / a, dy / b);
        return (e - 1) * Math.min(a, b);
    }

    /**
     * Signed distance (normalised units) to the lateral ventricles: two horns either side of the
     * septum whose centre lines bow outwards, u(y) = septum + thickness + 0.9 (y − 0.08)², widest
     * at the frontal horns and the atria, tapering at both ends.
     */
    private double ventricleDistance(double nx, double ny) {
        double size = s.ventricleSize();
        double half = 0.36;
        double centre = -0.03;
        double along = (ny - centre) / half;
        double taper = 1 - (along > 0 ? Math.pow(along, 6) : along * along);
        if (taper <= 0) {
            return 1;
        }
        double body = 0.045 * size;
        double thickness = (body + 0.025 * size * bump(ny, 0.2) + 0.04 * size * bump(ny, -0.24)) * Math.sqrt(taper);
        double line = 0.012 + body + 0.9 * (ny - 0.08) * (ny - 0.08);
        return Math.abs(Math.abs(nx) - line) - thickness;
    }

    private static double bump(double y, double at) {
        double z = (y - at) / 0.07;
        return Math.exp(-z * z);
    }
}
