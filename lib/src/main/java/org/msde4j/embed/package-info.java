/**
 * Images to embeddings, the first stage of the pipeline: the {@link org.msde4j.embed.Backbone}
 * abstraction with {@link org.msde4j.embed.TorchScriptBackbone} (pretrained TorchScript, local or
 * downloaded once), {@link org.msde4j.embed.SelfSupervisedBackbone} (trained offline by
 * {@link org.msde4j.embed.SelfSupervisedTraining} with a CutPaste/AnatPaste pretext task) and
 * {@link org.msde4j.embed.RawPixelBackbone}; {@link org.msde4j.embed.Preprocessing} presets;
 * streaming batched embedding ({@link org.msde4j.embed.Embedder}) and an on-disk
 * {@link org.msde4j.embed.EmbeddingCache}.
 */
package org.msde4j.embed;
