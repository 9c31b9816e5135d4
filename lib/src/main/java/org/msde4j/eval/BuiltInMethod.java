package org.msde4j.eval;

import java.util.EnumSet;
import java.util.Set;

/**
 * The methods an evaluation compares on the same backbone: image-level methods on one embedding
 * per image, and local methods on patch embeddings (they also give anomaly maps).
 */
public enum BuiltInMethod implements MethodName {

    /** MSDE, the paper's protocol: test rows shifted together with the training rows. */
    MSDE_TRANSDUCTIVE("MSDE (transductive)", false),
    /** MSDE, deployment: each test row shifted alone towards the fitted training rows. */
    MSDE_INDUCTIVE("MSDE (inductive)", false),
    /** PCA + Gaussian without the shift. */
    GDE("GDE (no MSDE)", false),
    /** Mean distance to the k nearest training rows. */
    KNN("kNN distance", false),
    /** PatchCore: distance to a coreset memory bank of normal patches ({@link org.msde4j.local.PatchCore}). */
    PATCHCORE("PatchCore", true),
    /** PaDiM: a Gaussian per patch position ({@link org.msde4j.local.Padim}). */
    PADIM("PaDiM", true),
    /** MSDE on patches, each test patch shifted alone towards the shifted bank ({@link org.msde4j.local.PatchMsde}). */
    PATCH_MSDE_INDUCTIVE("MSDE on patches (inductive)", true),
    /** MSDE on patches, each test image's patches shifted together with the bank. */
    PATCH_MSDE_TRANSDUCTIVE("MSDE on patches (transductive)", true);

    private final String label;
    private final boolean local;

    BuiltInMethod(String label, boolean local) {
        this.label = label;
        this.local = local;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean local() {
        return local;
    }

    /** The image-level methods. */
    public static Set<BuiltInMethod> global() {
        EnumSet<BuiltInMethod> out = EnumSet.noneOf(BuiltInMethod.class);
        for (BuiltInMethod m : values()) {
            if (!m.local) {
                out.add(m);
            }
        }
        return out;
    }

    /** The local methods. */
    public static Set<BuiltInMethod> locals() {
        EnumSet<BuiltInMethod> out = EnumSet.allOf(BuiltInMethod.class);
        out.removeAll(global());
        return out;
    }
}
