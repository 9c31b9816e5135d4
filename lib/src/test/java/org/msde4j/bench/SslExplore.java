package org.msde4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.GdeBaseline;
import org.msde4j.embed.*;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.testing.StandInBrains;

public class SslExplore {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int img = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        int width = Integer.parseInt(args[3]);
        int epochs = Integer.parseInt(args[4]);
        List<ImageRef> train = StandInBrains.set("train", n, img, 1, false);
        List<ImageRef> test = new ArrayList<>(StandInBrains.set("testN", 60, img, 2, false));
        test.addAll(StandInBrains.set("testA", 60, img, 3, true));
        int[] labels = new int[120];
        for (int i = 60; i < 120; i++) labels[i] = 1;
        SelfSupervisedOptions o = SelfSupervisedOptions.defaults().withInputSize(size)
                .withArchitecture(ResNetArchitecture.resnet18Width(width)).withEpochs(epochs).withLearningRate(Double.parseDouble(args.length > 5 ? args[5] : "0.03"));
        double mom = args.length > 6 ? Double.parseDouble(args[6]) : 0.9;
        o = new SelfSupervisedOptions(o.architecture(), o.inputSize(), o.epochs(), o.batchSize(), o.learningRate(), mom, o.weightDecay(), o.pretext(), o.seed());
        Path dir = Files.createTempDirectory("ssl");
        SelfSupervisedTraining.Report rep = SelfSupervisedTraining.train(train, o, dir,
                (e, E, l, a) -> System.out.printf("epoch %d/%d loss %.4f acc %.3f%n", e, E, l, a));
        System.out.printf("train %.1f s%n", rep.seconds());
        try (Backbone b = SelfSupervisedBackbone.load(dir)) {
            long t0 = System.nanoTime();
            long[] last = {System.nanoTime()};
            double[][] tr = Embedder.embed(b, train, Embedder.Options.defaults().withListener((d, t) -> { System.out.printf("  %d/%d %.0f ms%n", d, t, (System.nanoTime() - last[0]) / 1e6); last[0] = System.nanoTime(); })).toDoubles();
            double[][] te = Embedder.embed(b, test, Embedder.Options.defaults()).toDoubles();
            System.out.printf("embed %.1f s%n", (System.nanoTime() - t0) / 1e9);
            double[] s = GdeBaseline.fit(tr, DetectorOptions.defaults()).score(te);
            System.out.printf("GDE AUROC %.4f%n", Metrics.auroc(s, labels));
        }
    }
}
