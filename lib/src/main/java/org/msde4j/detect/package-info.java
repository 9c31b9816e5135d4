/**
 * The detector: fit on normal rows, score test rows transductively or inductively; baselines; model files.
 */
package org.msde4j.detect;
