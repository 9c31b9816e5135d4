package org.msde4j.data.synthetic;

import java.util.SplittableRandom;

/**
 * The anatomy of one synthetic head at one axial level, drawn at random: pose, head shape, tissue
 * layers, cortical folding, ventricles, deep grey matter, tissue contrast, bias field and noise.
 * Lengths are in units of half the field of view; the head frame has x pointing right on the
 * screen and y anterior (up), centred on the head and rotated with it.
 *
 * @param centreX       head centre in the image, x
 * @param centreY       head centre in the image, y
 * @param rotation      in-plane rotation, radians
 * @param scale         overall size factor
 * @param halfWidth     outer head semi-axis, left–right
 * @param halfLength    outer head semi-axis, front–back
 * @param egg           narrowing of the front of the head
 * @param wobble2       amplitude of the 2nd angular harmonic of the outline
 * @param phase2        its phase
 * @param wobble3       amplitude of the 3rd harmonic
 * @param phase3        its phase
 * @param scalp         scalp thickness
 * @param skull         skull thickness
 * @param gap           CSF gap between skull and brain (grows with atrophy)
 * @param atrophy       0 young … 1 old: wider sulci and gap, larger ventricles
 * @param cortex        grey matter ribbon thickness
 * @param sulci         number of main sulci around the brain
 * @param sulcusPhase   rotation of the sulcal pattern, in sulci
 * @param sulcusDepth   depth of each main sulcus
 * @param sulcusWidth   half-width of a sulcus
 * @param fissureFront  share of the brain's half-length the interhemispheric fissure cuts in from the front
 * @param fissureBack   the same from the back
 * @param ventricleSize lateral ventricle size factor
 * @param level         axial level, 0 low … 1 high
 * @param grey          grey matter intensity
 * @param white         white matter intensity
 * @param scalpTone     scalp intensity
 * @param gain          overall intensity gain
 * @param biasX         bias field gradient along x
 * @param biasY         bias field gradient along y
 * @param biasR         bias field radial term
 * @param noise         Rician noise σ
 * @param coarse        coarse tissue texture
 * @param fine          fine tissue texture
 * @param folds         slow bending of the sulci, cortical thickness and oedema variation
 * @param bends         faster bending of the sulci
 */
record Subject(
        double centreX, double centreY, double rotation, double scale,
        double halfWidth, double halfLength, double egg, double wobble2, double phase2, double wobble3, double phase3,
        double scalp, double skull, double gap, double atrophy, double cortex,
        int sulci, double sulcusPhase, double[] sulcusDepth, double sulcusWidth,
        double fissureFront, double fissureBack, double ventricleSize, double level,
        double grey, double white, double scalpTone, double gain,
        double biasX, double biasY, double biasR, double noise,
        ValueNoise coarse, ValueNoise fine, ValueNoise folds, ValueNoise bends) {

    /** Draws a subject; the same random state gives the same subject. */
    static Subject draw(SplittableRandom r) {
        double atrophy = Math.pow(r.nextDouble(), 1.5);
        int sulci = 30 + r.nextInt(11);
        double[] depths = new double[sulci];
        for (int k = 0; k < sulci; k++) {
            depths[k] = uniform(r, 0.05, 0.13);
        }
        double grey = uniform(r, 0.49, 0.56);
        double level = r.nextDouble();
        return new Subject(
                0.03 * r.nextGaussian(), 0.03 * r.nextGaussian(), Math.toRadians(uniform(r, -9, 9)), uniform(r, 0.98, 1.08),
                uniform(r, 0.70, 0.78) * (1 - 0.05 * level), uniform(r, 0.82, 0.88) * (1 - 0.05 * level),
                uniform(r, 0.02, 0.08), uniform(r, 0, 0.015), uniform(r, 0, 2 * Math.PI),
                uniform(r, 0, 0.012), uniform(r, 0, 2 * Math.PI),
                uniform(r, 0.035, 0.055), uniform(r, 0.028, 0.042), uniform(r, 0.008, 0.016) + 0.02 * atrophy,
                atrophy, uniform(r, 0.05, 0.065),
                sulci, r.nextDouble(), depths, 0.004 + 0.006 * atrophy,
                uniform(r, 0.25, 0.45), uniform(r, 0.3, 0.5), (uniform(r, 0.7, 1.05) + 0.6 * atrophy)
                        * (0.75 + 0.5 * (1 - Math.abs(2 * level - 1))), level,
                grey, grey - uniform(r, 0.10, 0.14), uniform(r, 0.5, 0.65), uniform(r, 0.88, 1.08),
                uniform(r, -0.12, 0.12), uniform(r, -0.12, 0.12), uniform(r, -0.08, 0.08), uniform(r, 0.012, 0.028),
                new ValueNoise(8, r), new ValueNoise(28, r), new ValueNoise(6, r), new ValueNoise(12, r));
    }

    static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    /**
     * Distance from the head centre to the outer scalp surface in direction (cos φ, sin φ): an
     * ellipse with small 2nd and 3rd harmonic wobbles (expanded with the multiple-angle formulas,
     * so no trigonometric call is needed per pixel).
     */
    double headRadius(double cos, double sin) {
        double a = halfWidth;
        double b = halfLength;
        double ellipse = a * b / Math.sqrt(b * b * cos * cos + a * a * sin * sin);
        double cos2 = cos * cos - sin * sin;
        double sin2 = 2 * sin * cos;
        double cos3 = cos * (4 * cos * cos - 3);
        double sin3 = sin * (3 - 4 * sin * sin);
        return ellipse * (1 + wobble2 * (cos2 * Math.cos(phase2) - sin2 * Math.sin(phase2))
                + wobble3 * (cos3 * Math.cos(phase3) - sin3 * Math.sin(phase3)));
    }

    /** Scalp, skull and the CSF gap together: the depth of the brain surface below the scalp surface. */
    double brainInset() {
        return scalp + skull + gap;
    }
}
