package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;

/**
 * Measurement main (not a test): training throughput of the default self-supervised backbone with
 * one and with two libtorch threads, alternating which goes first, on the synthetic set's normal
 * training images; every training's weights are hashed, so the table also shows whether each thread
 * count repeats its weights bit for bit.
 */
final class TrainingThreadsBench {

    private TrainingThreadsBench() {
    }

    static void run(int images, int epochs, int rounds) throws IOException {
        Dataset data = SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults(),
                Files.createTempDirectory("msde4j-threads").resolve("synthetic-brain-mri"));
        List<ImageRef> train = data.trainNormals().stream().map(Sample::image).toList().subList(0, images);
        SelfSupervisedOptions options = SelfSupervisedOptions.defaults().withEpochs(epochs).withHeldOut(0);
        System.out.println("| round | threads | training images/s | seconds | weights SHA-256 |");
        System.out.println("|---|---:|---:|---:|---|");
        Path work = Files.createTempDirectory("msde4j-threads");
        for (int round = 1; round <= rounds; round++) {
            for (int t : round % 2 == 1 ? new int[] {1, 2} : new int[] {2, 1}) {
                Path dir = work.resolve(round + "-" + t);
                SelfSupervisedTraining.Report report = SelfSupervisedTraining.train(train, options.withThreads(t), dir,
                        SelfSupervisedTraining.Listener.NONE);
                int seen = report.loss().size() * (train.size() / options.batchSize()) * options.batchSize();
                System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %s |%n", round, t, seen / report.seconds(),
                        report.seconds(), Sha256.of(dir.resolve("trunk.params")).substring(0, 16));
            }
        }
    }
}
