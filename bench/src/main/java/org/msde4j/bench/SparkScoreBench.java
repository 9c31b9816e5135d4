package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msde4j.data.Dataset;
import org.msde4j.data.Sample;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.ImageRef;

/**
 * The Spark job on {@code local[2]} against msde-score on the same images, as users run them
 * (needs {@code /usr/bin/time}, Debian's package {@code time}):
 * {@code ./jbang msde-score --list L} and {@code ./jbang msde-spark-score --input L --master local[2]},
 * one after the other, in alternating order, each from JVM start to exit (Spark's start-up
 * included), with a fresh embedding cache for msde-score. The images are a synthetic brain-MRI set
 * made for the run (half normal, half with tumours). Prints wall times, images/s, the CPU time each
 * run used (user + system, by {@code /usr/bin/time}), the overheads of the Spark job (its wall and
 * CPU time over msde-score's, minus 1, per pair), the machine's load average around each run, the
 * largest difference between the two jobs' scores, and the Spark job's own time (its
 * {@code summary.json}: from reading the list to the committed output).
 *
 * <p>On a machine shared with other work, wall time favours the job with more runnable threads (the
 * Spark job decodes in two tasks while a batch runs in libtorch): CPU time is the fairer measure of
 * what Spark itself adds.
 */
final class SparkScoreBench {

    private SparkScoreBench() {
    }

    static void run(Path repo, Path model, int images, int pairs) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("msde4j-spark-bench");
        Dataset set = SyntheticBrainMri.write(SyntheticBrainMri.Options.defaults().withCounts(1, images / 2, images - images / 2)
                .withSeed(2026), scratch.resolve("images"));
        StringBuilder csv = new StringBuilder("path,split,label\n");
        for (Sample s : set.test()) {
            csv.append(((ImageRef.File) s.image()).path().toAbsolutePath()).append(",test,").append(s.label()).append('\n');
        }
        Path list = Files.writeString(scratch.resolve("list.csv"), csv);
        System.out.printf(Locale.ROOT, "%d images (%d px) in %s; model %s; %d CPUs%n", set.test().size(),
                SyntheticBrainMri.Options.defaults().size(), scratch, model, Runtime.getRuntime().availableProcessors());
        Path root = repo.toAbsolutePath();
        MainJobBench.exec(List.of("./jbang", "msde-score", "--help"), root, scratch.resolve("warm-score.log"));
        MainJobBench.exec(List.of("./jbang", "msde-spark-score", "--help"), root, scratch.resolve("warm-spark.log"));
        List<String[]> rows = new ArrayList<>();
        List<Double> overheads = new ArrayList<>();
        List<Double> cpuOverheads = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            Path scoreOut = scratch.resolve("score-" + pair);
            Path sparkOut = scratch.resolve("spark-" + pair);
            List<String> score = List.of("./jbang", "msde-score", "--model", model.toString(), "--list", list.toString(),
                    "--cache", scratch.resolve("cache-" + pair).toString(), "--out", scoreOut.toString());
            List<String> spark = List.of("./jbang", "msde-spark-score", "--model", model.toString(), "--input",
                    list.toString(), "--master", "local[2]", "--out", sparkOut.toString());
            Timed a;
            Timed b;
            if (pair % 2 == 1) {
                a = timed(score, root, scratch.resolve("score-" + pair + ".log"));
                b = timed(spark, root, scratch.resolve("spark-" + pair + ".log"));
            } else {
                b = timed(spark, root, scratch.resolve("spark-" + pair + ".log"));
                a = timed(score, root, scratch.resolve("score-" + pair + ".log"));
            }
            double overhead = b.seconds / a.seconds - 1;
            overheads.add(overhead);
            double cpuOverhead = b.cpu / a.cpu - 1;
            cpuOverheads.add(cpuOverhead);
            double job = jobSeconds(sparkOut.resolve("summary.json"));
            double diff = maxDifference(scores(scoreOut.resolve("scores.csv")), scores(sparkOut.resolve("scores.csv")));
            rows.add(new String[] {String.valueOf(pair), f1(a.seconds), f1(images / a.seconds), f1(a.cpu), f1(b.seconds),
                    f1(images / b.seconds), f1(b.cpu), f1(job), percent(overhead), percent(cpuOverhead),
                    a.load + " / " + b.load, String.format(Locale.ROOT, "%.1e", diff)});
        }
        System.out.println();
        System.out.println("| pair | msde-score s | images/s | CPU s | msde-spark-score local[2] s | images/s | CPU s "
                + "| Spark job alone s | wall overhead | CPU overhead | load avg (1 min) start→end: score / spark "
                + "| max abs. score difference |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
        overheads.sort(null);
        cpuOverheads.sort(null);
        System.out.printf(Locale.ROOT, "median overhead: wall %s, CPU %s (target ≤ 15 %%)%n",
                percent(overheads.get(overheads.size() / 2)), percent(cpuOverheads.get(cpuOverheads.size() / 2)));
    }

    /** Wall and CPU (user + system) seconds of a run, and the 1-minute load average at its start and end. */
    private record Timed(double seconds, double cpu, String load) {
    }

    private static Timed timed(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
        Path times = Path.of(log + ".time");
        List<String> measured = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
        measured.addAll(command);
        String before = load();
        long start = System.nanoTime();
        int code = MainJobBench.exec(measured, dir, log);
        double s = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + code + "); see " + log);
        }
        List<String> lines = Files.readAllLines(times);
        String[] cpu = lines.get(lines.size() - 1).trim().split(" ");
        return new Timed(s, Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]), before + "→" + load());
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f %%", 100 * ratio);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static double jobSeconds(Path summary) throws IOException {
        String json = Files.readString(summary);
        int at = json.indexOf("\"seconds\" : ") + "\"seconds\" : ".length();
        return Double.parseDouble(json.substring(at, json.indexOf(',', at)).trim());
    }

    /** Path → score of a scores.csv whose first three columns are path, (label,) score — as both jobs write them. */
    private static Map<String, Double> scores(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int score = header.indexOf("score");
        Map<String, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(f[0], Double.parseDouble(f[score]));
        }
        return out;
    }

    private static double maxDifference(Map<String, Double> a, Map<String, Double> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalStateException("the two jobs scored different images (" + a.size() + " and " + b.size() + ")");
        }
        return a.keySet().stream().mapToDouble(k -> Math.abs(a.get(k) - b.get(k))).max().orElse(0);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
