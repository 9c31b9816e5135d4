package org.msde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.ResNetArchitecture;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.eval.Metrics;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Sha256;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.EmbeddedSplit;
import org.msde4j.pipeline.ModelMetadata;

/**
 * The job on {@code local[2]} over a small synthetic brain-MRI set, with a real ResNet backbone
 * (untrained, so that no training time is spent) shipped as a folder: its scores against the ones
 * msde-score computes for the same images, error rows, atomic and guarded output, and models
 * refused before Spark starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoreArchiveJobTest {

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path modelFile;
    private static MsdeModel model;
    private static Path data;
    private static List<Path> testImages;
    private static int[] testLabels;
    private static Path corrupt;

    @BeforeAll
    static void fitAModelAndStartSpark() throws IOException {
        data = dir.resolve("data");
        Dataset set = SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults().withSize(64).withCounts(60, 12, 12)
                .withSeed(5), data);
        Path backbone = dir.resolve("backbone");
        List<ImageRef> normals = set.trainNormals().stream().map(Sample::image).toList();
        SelfSupervisedTraining.train(normals, SelfSupervisedOptions.defaults().withArchitecture(ResNetArchitecture.resnet18Width(16))
                .withInputSize(64).withEpochs(0), backbone, SelfSupervisedTraining.Listener.NONE);
        SelfSupervisedBackbone b = SelfSupervisedBackbone.load(backbone);
        try (BackboneSpec.Ready ready = new BackboneSpec.Ready(b, "ssl:" + backbone, 0)) {
            double[][] train = Embedder.embed(b, normals, Embedder.Options.defaults()).toDoubles();
            DetectorOptions options = DetectorOptions.defaults().withMsde(MsdeOptions.defaults().withK(10).withTau(10));
            model = MsdeDetector.fit(train, options).withMetadata(ModelMetadata.of("synthetic", ready, train[0].length));
        }
        modelFile = dir.resolve("model.msde");
        model.save(modelFile);
        testImages = set.test().stream().map(s -> ((ImageRef.File) s.image()).path()).toList();
        testLabels = Dataset.labels(set.test());
        byte[] png = Files.readAllBytes(testImages.get(0));
        corrupt = Files.write(Files.createDirectories(dir.resolve("extra")).resolve("corrupt.png"),
                Arrays.copyOf(png, png.length / 2));
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 4).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Scores as msde-score computes them (--skip-bad-images): the same library calls, in one JVM, no Spark. */
    private static Map<Path, Double> msdeScore(List<Path> images) throws IOException {
        List<Sample> samples = images.stream().map(p -> new Sample(p.toString(), new ImageRef.File(p), Split.TEST, 0)).toList();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (BackboneSpec.Ready ready = ModelMetadata.backbone(model, modelFile, null, dir.resolve("cache"), true, quiet)) {
            EmbeddedSplit e = EmbeddedSplit.of("score", Split.TEST, samples, ready.backbone(), dir.resolve("cache"),
                    BadImagePolicy.SKIP, quiet);
            double[] scores = model.score(e.rows());
            Map<Path, Double> out = new HashMap<>();
            for (int i = 0; i < scores.length; i++) {
                out.put(((ImageRef.File) e.samples().get(i).image()).path(), scores[i]);
            }
            return out;
        }
    }

    private static JobSummary run(String input, String out, boolean overwrite, int partitions) throws IOException {
        CheckedModel checked = CheckedModel.check(modelFile, null, dir.resolve("cache"), true,
                new PrintStream(OutputStream.nullOutputStream()));
        return ScoreArchiveJob.run(spark, checked, new ScoreArchiveJob.Options(input, null, out, overwrite, null, 32, partitions));
    }

    private static Path list(String name, List<String> lines) throws IOException {
        return Files.write(data.resolve(name), lines, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void listScoresEqualMsdeScoreAndBadImagesBecomeErrorRows() throws IOException {
        List<String> lines = new ArrayList<>(List.of("path,label"));
        for (int i = 0; i < testImages.size(); i++) {
            lines.add(data.relativize(testImages.get(i)) + "," + testLabels[i]);
        }
        lines.add(corrupt + ",1");
        lines.add("images/missing.png,0");
        Path csv = list("list.csv", lines);
        Path out = dir.resolve("out-list");
        JobSummary summary = run(csv.toString(), out.toString(), false, 3);

        Map<Path, Double> expected = msdeScore(testImages);
        assertEquals(testImages.size(), expected.size());
        List<Row> rows = spark.read().parquet(out.resolve(ScoreArchiveJob.PARQUET).toString()).collectAsList();
        assertEquals(testImages.size() + 2, rows.size());
        for (Row r : rows) {
            String path = r.getAs("path");
            assertEquals(model.threshold(), (double) r.getAs("threshold"));
            assertEquals(Sha256.of(modelFile), r.getAs("model_id"));
            assertEquals(model.metadata().get(ModelMetadata.BACKBONE_IDENTITY), r.getAs("backbone_id"));
            if (path.equals(corrupt.toString())) {
                assertNull(r.getAs("score"));
                assertTrue(((String) r.getAs("error")).startsWith("unreadable: image " + corrupt), (String) r.getAs("error"));
            } else if (path.equals("images/missing.png")) {
                assertNull(r.getAs("score"));
                assertTrue(((String) r.getAs("error")).startsWith("missing: image images/missing.png"), (String) r.getAs("error"));
            } else {
                double score = r.getAs("score");
                assertEquals(expected.get(data.resolve(path)), score, 1e-9, path);
                assertEquals(score > model.threshold(), r.getAs("anomalous"));
                assertNull(r.getAs("error"));
            }
        }
        assertEquals(List.of(testImages.size() + 2L, (long) testImages.size(), 1L, 1L), List.of(summary.images(),
                summary.scored(), summary.missing(), summary.unreadable()));
        assertEquals(3, summary.partitions());
        assertEquals(1, summary.modelLoads(), "the first job of this JVM (one executor, three tasks): loaded once");
        double[] reference = testImages.stream().mapToDouble(expected::get).toArray();
        assertEquals(Metrics.auroc(reference, testLabels), summary.auroc(), 1e-12);
        List<String> csvLines = Files.readAllLines(out.resolve(ScoreArchiveJob.CSV));
        assertEquals("path,label,score,anomalous,threshold,backbone_id,model_id,error", csvLines.get(0));
        assertEquals(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList(),
                csvLines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), "rows keep the list's order");
        String json = Files.readString(out.resolve(ScoreArchiveJob.SUMMARY));
        assertTrue(json.contains("\"job\" : \"msde-spark-score\"") && json.contains("\"missing\" : 1"), json);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".out-list.")), "no staging left");
        }
    }

    @Test
    void aFolderTreeIsScoredThroughBinaryFilesLikeTheFiles() throws IOException {
        Path archive = dir.resolve("archive");
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < testImages.size(); i++) {
            Path sub = Files.createDirectories(archive.resolve(i % 2 == 0 ? "a" : "b/c"));
            copies.add(Files.copy(testImages.get(i), sub.resolve(testImages.get(i).getFileName())));
        }
        Files.copy(corrupt, archive.resolve("corrupt.png"));
        Files.writeString(archive.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out-folder");
        JobSummary summary = run(archive.toString(), out.toString(), false, 0);

        assertEquals(0, summary.modelLoads(), "loaded by an earlier job of this executor");
        Map<Path, Double> expected = msdeScore(copies);
        assertEquals(List.of(copies.size() + 1L, (long) copies.size(), 0L, 1L), List.of(summary.images(), summary.scored(),
                summary.missing(), summary.unreadable()));
        for (Row r : spark.read().parquet(out.resolve(ScoreArchiveJob.PARQUET).toString()).collectAsList()) {
            Path file = Path.of(URI.create(r.getAs("path")));
            if (file.equals(archive.resolve("corrupt.png"))) {
                assertTrue(((String) r.getAs("error")).startsWith("unreadable:"), (String) r.getAs("error"));
            } else {
                assertEquals(expected.get(file), (double) r.getAs("score"), 1e-9, file.toString());
            }
        }
    }

    @Test
    void anExistingOutputIsRefusedBeforeAnyTaskAndOnlyTheJobsOwnIsReplaced() throws IOException {
        Path csv = list("small.csv", List.of("path", data.relativize(testImages.get(0)).toString(),
                data.relativize(testImages.get(1)).toString()));
        Path out = dir.resolve("out-guard");
        run(csv.toString(), out.toString(), false, 0);
        String first = Files.readString(out.resolve(ScoreArchiveJob.SUMMARY));

        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        try {
            IOException exists = assertThrows(IOException.class, () -> run(csv.toString(), out.toString(), false, 0));
            assertTrue(exists.getMessage().contains("exists: give --overwrite"), exists.getMessage());
            Path foreign = Files.createDirectories(dir.resolve("my-results"));
            Files.writeString(foreign.resolve("notes.txt"), "mine");
            IOException notOurs = assertThrows(IOException.class, () -> run(csv.toString(), foreign.toString(), true, 0));
            assertTrue(notOurs.getMessage().contains("not an output folder of msde-spark-score"), notOurs.getMessage());
            Files.writeString(out.resolve("notes.txt"), "mine too");
            IOException extra = assertThrows(IOException.class, () -> run(csv.toString(), out.toString(), true, 0));
            assertTrue(extra.getMessage().contains("did not write (notes.txt)"), extra.getMessage());
            assertEquals(0, jobs.get(), "refused before any Spark job");
            assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
            Files.delete(out.resolve("notes.txt"));
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        Files.createDirectories(dir.resolve(".out-guard.partial-left-by-a-killed-job"));
        run(csv.toString(), out.toString(), true, 0);
        assertFalse(Files.readString(out.resolve(ScoreArchiveJob.SUMMARY)).equals(first), "replaced by the new output");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".out-guard.")), "stale staging removed");
        }
    }

    @Test
    void aJobStoppedWhileScoringLeavesTheEarlierOutputAsItWas() throws IOException {
        Path csv = list("all.csv", Stream.concat(Stream.of("path"), testImages.stream().map(Path::toString)).toList());
        Path out = dir.resolve("out-killed");
        run(csv.toString(), out.toString(), false, 0);
        byte[] before = Files.readAllBytes(out.resolve(ScoreArchiveJob.CSV));
        SparkListener killer = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                spark.sparkContext().cancelAllJobs();
            }
        };
        spark.sparkContext().addSparkListener(killer);
        try {
            assertThrows(Exception.class, () -> run(csv.toString(), out.toString(), true, 6));
        } finally {
            spark.sparkContext().removeSparkListener(killer);
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(out.resolve(ScoreArchiveJob.CSV))));
        assertTrue(names(out).stream().allMatch(StagedOutput::isOwn), names(out).toString());
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".out-killed.")), "staging removed");
        }
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aMissingModelOrAnotherBackboneFailsInOneLineBeforeSparkStarts() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String[] missing = {"--model", dir.resolve("nowhere.msde").toString(), "--input", "x.csv", "--out", "o"};
        assertEquals(1, SparkScoreCommand.run(missing, quiet, new PrintStream(err, true)));
        assertTrue(err.toString().startsWith("msde-spark-score: model file ") && err.toString().contains("does not exist"),
                err.toString());
        err.reset();
        String[] other = {"--model", modelFile.toString(), "--backbone", "pixels", "--input", "x.csv", "--out", "o"};
        assertEquals(1, SparkScoreCommand.run(other, quiet, new PrintStream(err, true)));
        assertTrue(err.toString().contains("was fitted on embeddings of backbone") && err.toString().contains("raw pixels"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(spark.sparkContext().isStopped(), "the command never reached Spark");
    }
}
