/**
 * The glue from names on a command line to results on disk: {@link org.msde4j.pipeline.DatasetSpec}
 * and {@link org.msde4j.pipeline.BackboneSpec} (a dataset and a backbone as a user names them),
 * {@link org.msde4j.pipeline.EmbeddedDataset} / {@link org.msde4j.pipeline.EmbeddedSplit} /
 * {@link org.msde4j.pipeline.EmbeddedPatches} (samples and their cached embeddings, aligned),
 * {@link org.msde4j.pipeline.EvalPipeline} and {@link org.msde4j.pipeline.EvalReport} (msde-eval's
 * job and its HTML report), {@link org.msde4j.pipeline.ScoreTable} and
 * {@link org.msde4j.pipeline.MapFiles} (what msde-score writes), {@link org.msde4j.pipeline.ModelMetadata}
 * (what a model file records about its embeddings), {@link org.msde4j.pipeline.RunManifest} and
 * {@link org.msde4j.pipeline.RunInputs} (a run's record and the inputs its output folder must keep
 * clear of). The algorithms themselves live in {@code msde}, {@code density}, {@code detect} and
 * {@code local}; nothing there depends on this package.
 */
package org.msde4j.pipeline;
