/**
 * Small numerical helpers shared by the stages: conversions, input checks, Cholesky.
 */
package org.msde4j.math;
