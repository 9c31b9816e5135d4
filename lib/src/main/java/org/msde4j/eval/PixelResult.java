package org.msde4j.eval;

/**
 * Pixel-level metrics of a local method's anomaly maps ({@link PixelMetrics}), over the test images
 * that have ground truth: every normal test image (no anomalous pixel) and the abnormal ones with a
 * mask.
 *
 * @param auroc          pixel AUROC
 * @param aupro          AUPRO up to an FPR of {@link PixelMetrics#DEFAULT_FPR_LIMIT}
 * @param maskedAbnormal abnormal test images with a mask (the ones counted)
 * @param abnormal       abnormal test images in all
 * @param size           side of the square grid the maps and masks were compared on (the model's input size)
 */
public record PixelResult(double auroc, double aupro, int maskedAbnormal, int abnormal, int size) {

    /** Which images the pixel metrics cover, in words. */
    public String coverage() {
        return coverage(maskedAbnormal, abnormal);
    }

    /** E.g. "pixel metrics over the 150 of 200 abnormal test images that have masks, and every normal one". */
    public static String coverage(int maskedAbnormal, int abnormal) {
        return maskedAbnormal == abnormal ? "pixel metrics over all test images (every abnormal one has a mask)"
                : "pixel metrics over the " + maskedAbnormal + " of " + abnormal
                        + " abnormal test images that have masks, and every normal one";
    }
}
