package org.msde4j.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.Version;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.Sha256;

/**
 * A backbone trained by {@link SelfSupervisedTraining}, loaded from its model directory:
 * <ul>
 *   <li>{@code trunk.params}: the network's weights and batch-norm statistics in DJL's parameter
 *       format (the classifier of the pretext task is not kept);</li>
 *   <li>{@code backbone.json}: format, architecture, input size and normalisation, the training
 *       settings and seed, per-epoch pretext loss and accuracy, training time, the SHA-256 of
 *       {@code trunk.params}, and the msde4j, DJL and libtorch versions.</li>
 * </ul>
 * Both files are written atomically, the metadata last; loading checks the weights' checksum.
 * Input: grey, {@code inputSize²}, normalised as {@code (x − 0.5) / 0.5}.
 */
public final class SelfSupervisedBackbone extends TorchBackbone {

    /** Metadata file of a model directory. */
    public static final String METADATA = "backbone.json";
    /** Weights file of a model directory. */
    public static final String WEIGHTS = "trunk.params";

    private static final int FORMAT = 1;
    private static final String KIND = "msde4j-ssl-resnet";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelfSupervisedBackbone(TorchRunner runner, Preprocessing preprocessing, String name, String identity) {
        super(runner, preprocessing, name, identity);
    }

    /** The input preprocessing of a self-supervised backbone at {@code size} pixels. */
    static Preprocessing preprocessing(int size) {
        return Preprocessing.unnormalised(size, 1).withNormalisation(new double[] {0.5}, new double[] {0.5});
    }

    /** Loads a model directory written by {@link SelfSupervisedTraining#train}. */
    public static SelfSupervisedBackbone load(Path directory) throws IOException {
        Path metadataFile = directory.resolve(METADATA);
        Path weights = directory.resolve(WEIGHTS);
        if (!Files.isRegularFile(metadataFile) || !Files.isRegularFile(weights)) {
            throw new IOException(directory + " is not a self-supervised backbone directory: it needs " + METADATA
                    + " and " + WEIGHTS + " (train one with SelfSupervisedTraining).");
        }
        JsonNode meta = JSON.readTree(metadataFile.toFile());
        if (!KIND.equals(meta.path("kind").asText()) || meta.path("format").asInt() != FORMAT) {
            throw new IOException(metadataFile + " is not a format-" + FORMAT + " " + KIND + " description (kind "
                    + meta.path("kind").asText() + ", format " + meta.path("format").asText()
                    + "): it was written by another program or a newer msde4j.");
        }
        String digest = Sha256.of(weights);
        if (!digest.equals(meta.path("weightsSha256").asText())) {
            throw new IOException(weights + " does not match the checksum in " + metadataFile
                    + ": the directory is damaged or mixed from two trainings; train again.");
        }
        List<Integer> blocks = new ArrayList<>();
        meta.path("architecture").path("blocks").forEach(b -> blocks.add(b.asInt()));
        ResNetArchitecture architecture = new ResNetArchitecture(meta.path("architecture").path("width").asInt(), blocks);
        int size = meta.path("inputSize").asInt();
        Preprocessing preprocessing = preprocessing(size);
        SequentialBlock trunk = architecture.trunk();
        Model model = Model.newInstance("msde4j-ssl", Device.cpu(), "PyTorch");
        try (InputStream in = Files.newInputStream(weights)) {
            model.setBlock(trunk);
            trunk.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, size, size));
            trunk.loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load the weights " + weights + " (" + e.getMessage()
                    + "): they do not fit the architecture in " + metadataFile + "; train again.", e);
        }
        String name = "self-supervised ResNet width " + architecture.width() + " " + blocks + " at " + size + " px ("
                + directory.getFileName() + ")";
        return new SelfSupervisedBackbone(new TorchRunner(model, preprocessing, name), preprocessing, name,
                Backbone.identityOf(KIND, digest, preprocessing));
    }

    /** Writes a model directory: weights first, then the metadata that vouches for them. */
    static void save(Path directory, SelfSupervisedOptions options, int images, List<Double> loss, List<Double> accuracy,
                     double seconds, AtomicFiles.Writer weights) throws IOException {
        Path weightsFile = directory.resolve(WEIGHTS);
        AtomicFiles.write(weightsFile, weights);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("kind", KIND);
        ObjectNode architecture = meta.putObject("architecture");
        architecture.put("width", options.architecture().width());
        options.architecture().blocks().forEach(architecture.putArray("blocks")::add);
        meta.put("dimension", options.architecture().dimension());
        meta.put("inputSize", options.inputSize());
        meta.put("preprocessing", preprocessing(options.inputSize()).key());
        ObjectNode training = meta.putObject("training");
        training.put("images", images);
        training.put("epochs", options.epochs());
        training.put("batchSize", options.batchSize());
        training.put("learningRate", options.learningRate());
        training.put("schedule", "cosine to 0, one update per batch");
        training.put("momentum", options.momentum());
        training.put("weightDecay", options.weightDecay());
        training.put("pretext", options.pretext().key());
        training.put("seed", options.seed());
        training.put("threads", options.threads());
        training.put("seconds", seconds);
        loss.forEach(training.putArray("loss")::add);
        accuracy.forEach(training.putArray("accuracy")::add);
        meta.put("weightsSha256", Sha256.of(weightsFile));
        meta.put("msde4j", Version.current());
        meta.put("djl", Engine.getDjlVersion());
        meta.put("libtorch", Engine.getEngine("PyTorch").getVersion());
        AtomicFiles.writeString(directory.resolve(METADATA), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
    }
}
