/**
 * Small numerical helpers shared by the stages: conversions, input checks, row selection, seeded
 * sampling, Cholesky, quantiles.
 */
package org.msde4j.math;
