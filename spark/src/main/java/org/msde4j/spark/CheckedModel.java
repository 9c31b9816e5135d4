package org.msde4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.msde4j.detect.MsdeModel;
import org.msde4j.io.Sha256;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.ModelMetadata;

/**
 * A model file checked on the driver before any task runs: it loads, it records the backbone it was
 * fitted with, and that backbone (or the one given instead, which must be the same) opens here and
 * has the recorded identity. Holds what the job ships to its executors.
 *
 * @param file              the model file
 * @param model             the model
 * @param modelId           hex SHA-256 of the model file: the {@code model_id} of every output row
 * @param backbone          how to open the backbone (the model's own, or the one given instead)
 * @param backboneIdentity  its identity: the {@code backbone_id} of every output row
 * @param backboneName      its name, for messages
 * @param weights           the file or folder of its weights, or null for raw pixels
 */
public record CheckedModel(Path file, MsdeModel model, String modelId, BackboneSpec backbone, String backboneIdentity,
                           String backboneName, Path weights) {

    /**
     * Checks {@code modelFile}; {@code override} names a copy of the model's backbone to use
     * instead (e.g. where the recorded folder does not exist), or is null.
     *
     * @param cache   where a backbone given by URL is fetched to (and found, once fetched)
     * @param offline never use the network
     */
    public static CheckedModel check(Path modelFile, BackboneSpec override, Path cache, boolean offline, PrintStream log)
            throws IOException {
        MsdeModel model = MsdeModel.load(modelFile);
        BackboneSpec spec = override != null ? override : ModelMetadata.recordedBackbone(model);
        try (BackboneSpec.Ready ready = ModelMetadata.backbone(model, modelFile, override, cache, offline, log)) {
            return new CheckedModel(modelFile, model, Sha256.of(modelFile), spec, ready.backbone().identity(),
                    ready.backbone().name(), spec.weights(cache));
        } catch (IOException e) {
            if (override == null && spec != null && spec.kind() != BackboneSpec.Kind.PIXELS && e.getMessage() != null
                    && !e.getMessage().contains("identity")) {
                throw new IOException(e.getMessage() + " (the backbone recorded in " + modelFile + " is " + spec
                        + "; where it is not on this machine, give a copy of it with --backbone)", e);
            }
            throw e;
        }
    }
}
