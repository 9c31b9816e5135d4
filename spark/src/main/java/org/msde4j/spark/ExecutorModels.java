package org.msde4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.Backbone;
import org.msde4j.pipeline.BackboneSpec;

/**
 * The model and backbone of a job, loaded once per executor JVM and shared by its tasks.
 *
 * <p>A backbone is not thread-safe, and libtorch already spreads one batch over every core of the
 * executor, so the tasks of an executor take turns for {@link Loaded#embedAndScore}; they decode
 * and preprocess their images in parallel. When a job with another model arrives, the models no
 * task is using are closed.
 */
final class ExecutorModels {

    private static final Map<String, Loaded> LOADED = new HashMap<>();

    private ExecutorModels() {
    }

    /** A model and its backbone, as loaded in this JVM. */
    static final class Loaded {
        private final MsdeModel model;
        private final Backbone backbone;
        private int users;

        private Loaded(MsdeModel model, Backbone backbone) {
            this.model = model;
            this.backbone = backbone;
        }

        Backbone backbone() {
            return backbone;
        }

        /** Embeds {@code count} preprocessed images and scores them inductively. */
        synchronized double[] embedAndScore(float[] input, int count) {
            float[][] rows = backbone.embed(input, count);
            double[][] x = new double[count][];
            for (int i = 0; i < count; i++) {
                x[i] = new double[rows[i].length];
                for (int j = 0; j < rows[i].length; j++) {
                    x[i][j] = rows[i][j];
                }
            }
            return model.score(x);
        }
    }

    /** The model and backbone of {@code plan}, loaded from the shipped copies when this JVM has not yet. */
    static synchronized Loaded acquire(ScoringPlan plan) throws IOException {
        Loaded loaded = LOADED.get(plan.key());
        if (loaded == null) {
            closeUnused();
            loaded = load(plan);
            LOADED.put(plan.key(), loaded);
            plan.loads().add(1);
        }
        loaded.users++;
        return loaded;
    }

    /** Says that a task is done with what {@link #acquire} gave it. */
    static synchronized void release(Loaded loaded) {
        loaded.users--;
    }

    private static void closeUnused() {
        for (Iterator<Loaded> it = LOADED.values().iterator(); it.hasNext(); ) {
            Loaded l = it.next();
            if (l.users == 0) {
                l.backbone.close();
                it.remove();
            }
        }
    }

    /** Writes the broadcast files into a scratch folder, loads them, and deletes the folder. */
    private static Loaded load(ScoringPlan plan) throws IOException {
        Path dir = Files.createTempDirectory("msde4j-executor-");
        try {
            MsdeModel model = MsdeModel.load(plan.writeModel(dir));
            BackboneSpec spec = plan.writeBackbone(dir);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            BackboneSpec.Ready ready = spec.open("executor", List.of(), dir, true, quiet);
            if (!ready.backbone().identity().equals(plan.backboneIdentity())) {
                String found = ready.backbone().identity();
                ready.close();
                throw new IOException("the backbone shipped to this executor (" + spec + ") has identity " + found
                        + ", not the model's " + plan.backboneIdentity() + ": the copy is damaged; rerun the job.");
            }
            return new Loaded(model, ready.backbone());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
