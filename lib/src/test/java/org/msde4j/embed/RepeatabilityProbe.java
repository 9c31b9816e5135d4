package org.msde4j.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;
import org.msde4j.testing.BrainSlices;

/**
 * One small training whose weights the repeatability test compares: in the test's JVM, and in a
 * fresh JVM through {@link #main} (which prints the SHA-256 of the weights it trained).
 */
final class RepeatabilityProbe {

    /** AnatPaste at width 16 and 64 px, nothing held out, two epochs of two updates each, on two libtorch threads. */
    static final SelfSupervisedOptions OPTIONS = SelfSupervisedOptions.defaults()
            .withArchitecture(ResNetArchitecture.resnet18Width(16))
            .withInputSize(64)
            .withPretext(PasteTask.anatPaste())
            .withHeldOut(0)
            .withEpochs(2)
            .withBatchSize(32)
            .withThreads(2);

    private RepeatabilityProbe() {
    }

    static List<ImageRef> images() {
        return BrainSlices.set("train", 64, 64, 5, null);
    }

    /** Trains {@link #OPTIONS} on {@link #images()} into {@code dir}; the SHA-256 of the weights. */
    static String weights(Path dir) throws IOException {
        SelfSupervisedTraining.train(images(), OPTIONS, dir, SelfSupervisedTraining.Listener.NONE);
        return Sha256.of(dir.resolve(SelfSupervisedBackbone.WEIGHTS));
    }

    /** {@code RepeatabilityProbe DIR}: trains into DIR and prints the weights' SHA-256. */
    public static void main(String[] args) throws IOException {
        System.out.println("weights " + weights(Path.of(args[0])));
    }
}
