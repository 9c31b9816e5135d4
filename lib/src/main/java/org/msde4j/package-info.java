/**
 * msde4j: anomaly detection in medical images by Mean Shift Density Enhancement.
 *
 * <p>Pipeline: images → backbone embeddings → standardiser → MSDE shift → PCA → Gaussian →
 * Mahalanobis score → metrics. Start at {@link org.msde4j.detect.MsdeDetector}.
 */
package org.msde4j;
