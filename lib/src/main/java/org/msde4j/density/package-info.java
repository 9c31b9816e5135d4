/**
 * Density models of the scoring stage: standardiser, PCA, Gaussian with Mahalanobis distance.
 */
package org.msde4j.density;
