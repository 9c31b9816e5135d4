package org.msde4j.eval;

import java.util.List;
import org.msde4j.local.AnomalyMaps;

/**
 * One method on one dataset.
 *
 * @param dataset      dataset name
 * @param method       the method
 * @param scores       anomaly score of each test row
 * @param labels       0/1 label of each test row
 * @param auroc        AUROC with its bootstrap interval
 * @param ap           average precision with its bootstrap interval
 * @param trainRows    training rows (images)
 * @param fitSeconds   time to fit (shared fits are attributed to each method that uses them)
 * @param scoreSeconds time to score the test rows
 * @param shift        for MSDE, the test rows before and after the shift; null for the others
 * @param warnings     what the fit found that a reader should know (see {@code FitSummary#warnings}), empty if none
 * @param maps         for a local method, the anomaly map of each test image; null for the others
 * @param pixel        for a local method on a dataset with masks, the pixel-level metrics; else null
 */
public record MethodResult(String dataset, MethodName method, double[] scores, int[] labels, Interval auroc, Interval ap,
                           int trainRows, double fitSeconds, double scoreSeconds, ShiftView shift, List<String> warnings,
                           AnomalyMaps maps, PixelResult pixel) {

    public MethodResult {
        warnings = List.copyOf(warnings);
    }

    /** The result of an image-level method. */
    public MethodResult(String dataset, MethodName method, double[] scores, int[] labels, Interval auroc, Interval ap,
                        int trainRows, double fitSeconds, double scoreSeconds, ShiftView shift, List<String> warnings) {
        this(dataset, method, scores, labels, auroc, ap, trainRows, fitSeconds, scoreSeconds, shift, warnings, null, null);
    }

    /** The result of an image-level method without warnings. */
    public MethodResult(String dataset, MethodName method, double[] scores, int[] labels, Interval auroc, Interval ap,
                        int trainRows, double fitSeconds, double scoreSeconds, ShiftView shift) {
        this(dataset, method, scores, labels, auroc, ap, trainRows, fitSeconds, scoreSeconds, shift, List.of());
    }

    /** Test rows. */
    public int testRows() {
        return scores.length;
    }

    /** Anomalies among the test rows. */
    public int anomalies() {
        int a = 0;
        for (int l : labels) {
            a += l;
        }
        return a;
    }

    /** ROC curve of the scores. */
    public Curve roc() {
        return Metrics.roc(scores, labels);
    }

    /** Precision–recall curve of the scores. */
    public Curve precisionRecall() {
        return Metrics.precisionRecall(scores, labels);
    }
}
