/**
 * Mean Shift Density Enhancement: UMAP-profile density weights and the weighted blurring mean shift, as the authors' code computes them.
 */
package org.msde4j.msde;
