/**
 * Where is the anomaly: detectors on patch embeddings ({@link org.msde4j.embed.LocalEmbeddings}) that
 * give an anomaly map per image and an image score — PatchCore ({@link org.msde4j.local.PatchCore}),
 * PaDiM ({@link org.msde4j.local.Padim}) and MSDE on patches ({@link org.msde4j.local.PatchMsde}) —
 * their model file ({@link org.msde4j.local.LocalModelFile}), and the maps at image resolution
 * ({@link org.msde4j.local.AnomalyMap}).
 */
package org.msde4j.local;
