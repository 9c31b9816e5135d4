package org.msde4j.pipeline;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.msde4j.eval.LocalEvaluation;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.local.ImageScore;
import org.msde4j.local.LocalDetector;
import org.msde4j.msde.MsdeOptions;

/**
 * The local methods as a user names them on the command line: {@code patchcore}, {@code padim},
 * {@code msde-patch} (MSDE on patches, inductive), {@code msde-patch-transductive}, {@code all} or
 * {@code none}, comma-separated; or {@value #AUTO}, msde-eval's default: {@link #AUTO_METHODS}
 * where the backbone has feature maps, nothing (with a note) where it has none.
 */
public final class LocalMethods {

    private static final Map<String, BuiltInMethod> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("patchcore", BuiltInMethod.PATCHCORE);
        NAMES.put("padim", BuiltInMethod.PADIM);
        NAMES.put("msde-patch", BuiltInMethod.PATCH_MSDE_INDUCTIVE);
        NAMES.put("msde-patch-transductive", BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE);
    }

    /** msde-eval's default: the default local methods where the backbone allows them. */
    public static final String AUTO = "auto";
    /**
     * What {@value #AUTO} runs: PaDiM, the local method with the best inductive image AUROC on the
     * default backbone, ahead of every image-level inductive method on both measured sets, and fast
     * (docs/localisation.md).
     */
    public static final Set<BuiltInMethod> AUTO_METHODS = Set.of(BuiltInMethod.PADIM);

    private LocalMethods() {
    }

    /** True when {@code text} is {@value #AUTO}. */
    public static boolean isAuto(String text) {
        return text.trim().equalsIgnoreCase(AUTO);
    }

    /** The methods named in {@code text}, e.g. {@code padim,patchcore}, {@code all} or {@code none}. */
    public static Set<BuiltInMethod> parse(String text, String option) {
        Set<BuiltInMethod> out = EnumSet.noneOf(BuiltInMethod.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                out.addAll(BuiltInMethod.locals());
            } else if (name.equals(AUTO)) {
                out.addAll(AUTO_METHODS);
            } else if (!name.equals("none") && !name.isEmpty()) {
                BuiltInMethod m = NAMES.get(name);
                if (m == null) {
                    throw new IllegalArgumentException("option " + option + ": unknown local method \"" + part.trim()
                            + "\"; use " + String.join(", ", NAMES.keySet()) + ", all, none or " + AUTO + ".");
                }
                out.add(m);
            }
        }
        return out;
    }

    /** The one method named in {@code text}, as a detector with the settings of {@code settings}. */
    public static LocalDetector detector(String text, String option, LocalEvaluation.Settings settings) {
        Set<BuiltInMethod> methods = parse(text, option);
        if (methods.size() != 1 || methods.contains(BuiltInMethod.PATCH_MSDE_TRANSDUCTIVE)) {
            throw new IllegalArgumentException("option " + option + ": name one of patchcore, padim or msde-patch (MSDE on "
                    + "patches is fitted once and scored inductively or transductively later), got \"" + text + "\".");
        }
        return switch (methods.iterator().next()) {
            case PATCHCORE -> settings.patchCore();
            case PADIM -> settings.padim();
            default -> settings.patchMsde();
        };
    }

    /**
     * The default settings of every local method with the given image-score rule, MSDE on patches with
     * the shift settings {@code msde}, and bootstrap replicates and seed.
     */
    public static LocalEvaluation.Settings settings(Set<BuiltInMethod> methods, ImageScore imageScore, MsdeOptions msde,
                                                    int replicates, long seed) {
        LocalEvaluation.Settings d = LocalEvaluation.Settings.defaults();
        return new LocalEvaluation.Settings(methods, d.patchCore().withImageScore(imageScore),
                d.padim().withImageScore(imageScore), d.patchMsde().withImageScore(imageScore).withMsde(msde), replicates,
                seed, false);
    }
}
