/**
 * Benchmark mains behind {@code ./jbang msde-bench} ({@link org.msde4j.bench.MsdeBench}): timings
 * are ratios against a baseline measured in the same run, accuracy figures come from real runs on
 * the validation split or the synthetic set. Results and how to read them: {@code docs/benchmarks.md}.
 */
package org.msde4j.bench;
