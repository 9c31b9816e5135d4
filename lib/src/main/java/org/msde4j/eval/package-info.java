/**
 * Evaluation: AUROC, average precision, ROC and PR curves, bootstrap confidence intervals.
 */
package org.msde4j.eval;
