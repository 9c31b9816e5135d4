/**
 * Exact k-nearest-neighbour search: float32 matrix products find candidates, double precision decides (stage "knn" of the pipeline).
 */
package org.msde4j.knn;
