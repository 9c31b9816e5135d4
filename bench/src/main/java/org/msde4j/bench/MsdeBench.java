package org.msde4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.msde4j.knn.GramBackend;
import org.msde4j.knn.Nd4jGram;
import org.msde4j.knn.TorchGram;

/**
 * The core benchmark: MSDE with the medical settings (k 50, τ 70, η 0.33, 8 iterations) on random
 * N(0, 1) rows, each workload in a JVM of its own ({@link CoreWorkload}) that measures its own floor,
 * the bare float32 products of the same exact searches, on the same backend, in the same run. Every
 * time is reported with its ratio to that floor, so a busy machine slows both alike.
 *
 * <ol>
 *   <li>fit on 4000 × 512 + transductive score of 2000 × 512 (a 6000-row union run): median of the
 *       repeats after a warm-up, the process's peak heap and resident memory, one exact kNN search
 *       checked against brute force, fit + inductive score;</li>
 *   <li>one fit at each row count of {@code --scale}, in a JVM with -Xmx2g up to 50 000 rows and
 *       -Xmx4g above, and the log-log slope of fit time against rows.</li>
 * </ol>
 *
 * <pre>
 * ./jbang msde-bench core
 * ./jbang msde-bench core --repeats 5 --scale 4000,16000
 * </pre>
 */
public final class MsdeBench {

    private static final int LARGE_HEAP_ABOVE = 50_000;

    private MsdeBench() {
    }

    /** Options of the core benchmark (see {@link BenchCommand.Core}). */
    record Args(int train, int test, int dim, int repeats, String backend, List<Integer> scale) {
    }

    /** The named backend: {@code nd4j}, or libtorch where it loads. */
    static GramBackend backend(String name) {
        return name.equals("nd4j") || !TorchGram.available() ? new Nd4jGram() : new TorchGram();
    }

    static void run(Args a) {
        String loadBefore = loadAverage();
        System.out.printf("msde4j core benchmark: k 50, τ 70, η 0.33, 8 iterations, PCA 256; kNN on %s; %d cores; "
                        + "load average %s%n%n", backend(a.backend()).name(), Runtime.getRuntime().availableProcessors(),
                loadBefore);
        if (a.repeats() > 0) {
            pipeline(a);
        }
        List<double[]> points = new ArrayList<>();
        if (!a.scale().isEmpty() && a.scale().get(0) > 0) {
            System.out.printf("%n| fit, rows × %d | -Xmx | fit s | floor s | fit / floor | in CPU time | iterations | heap peak MiB "
                    + "| RSS peak MiB |%n|---:|---|---:|---:|---:|---:|---:|---:|---:|%n", a.dim());
            for (int rows : a.scale()) {
                String heap = rows > LARGE_HEAP_ABOVE ? "4g" : "2g";
                Map<String, Double> f = child(heap, "fit", rows, a.dim(), a.backend());
                points.add(new double[] {rows, f.get("fit"), f.get("floor"), f.get("fitCpu"), f.get("floorCpu")});
                System.out.printf("| %d | %s | %.2f | %.2f | %.2f | %.2f | %d | %d | %d |%n", rows, heap, f.get("fit"), f.get("floor"),
                        f.get("fit") / f.get("floor"), f.get("cpuRatio"), f.get("iterations").intValue(),
                        f.get("heapPeakMiB").intValue(), f.get("rssPeakMiB").intValue());
            }
        }
        if (points.size() >= 2) {
            double[] first = points.get(0);
            double[] last = points.stream().filter(q -> q[0] == LARGE_HEAP_ABOVE).findFirst()
                    .orElse(points.get(points.size() - 1));
            double span = Math.log(last[0] / first[0]);
            System.out.printf("%nlog-log slope of fit time, %d → %d rows: %.2f (its floor: %.2f); in CPU time %.2f (its floor: %.2f)%n",
                    (int) first[0], (int) last[0], Math.log(last[1] / first[1]) / span, Math.log(last[2] / first[2]) / span,
                    Math.log(last[3] / first[3]) / span, Math.log(last[4] / first[4]) / span);
        }
        System.out.printf("%nload average before %s, after %s%n", loadBefore, loadAverage());
    }

    /** Workload 1: fit + transductive score, its floor, memory, exactness, fit + inductive. */
    private static void pipeline(Args a) {
        Map<String, Double> p = child("4g", "pipeline", a.train(), a.test(), a.dim(), a.repeats(), a.backend());
        int n = a.train() + a.test();
        System.out.printf("%n| fit %d + transductive score %d, × %d (-Xmx4g) | seconds | notes |%n|---|---:|---|%n",
                a.train(), a.test(), a.dim());
        System.out.printf("| exact kNN, %d rows, k 50 | %.3f | %.2f× one search's floor (%.3f s); %s |%n", n, p.get("knn"),
                p.get("knn") / p.get("knnFloor"), p.get("knnFloor"), p.get("exact") == 0
                        ? "sets identical to brute force on 200 sampled rows"
                        : "DIFFERS from brute force on " + p.get("exact").intValue() + " of 200 sampled rows");
        System.out.printf("| fit (%d rows) | %.3f | %d iterations |%n", a.train(), p.get("fit"), p.get("iterationsFit").intValue());
        System.out.printf("| transductive score (%d rows, a %d-row MSDE run) | %.3f | %d iterations |%n", a.test(), n,
                p.get("transductive"), p.get("iterationsUnion").intValue());
        System.out.printf("| **fit + transductive score** | **%.3f** | %.3f–%.3f over %d repeats; **%.2f× its float32 Gram floor** "
                        + "(%.3f s, measured before each repeat; in CPU time %.2f×); peak heap %d MiB, peak RSS %d MiB (whole process) |%n",
                p.get("fitTransductive"), p.get("fitTransductiveMin"), p.get("fitTransductiveMax"), a.repeats(), p.get("ratio"),
                p.get("floor"), p.get("cpuRatio"), p.get("heapPeakMiB").intValue(), p.get("rssPeakMiB").intValue());
        System.out.printf("| fit + inductive score | %.3f | |%n", p.get("fitInductive"));
    }

    /** Runs one {@link CoreWorkload} in a new JVM with {@code -Xmx<heap>}; returns its RESULT values. */
    private static Map<String, Double> child(String heap, Object... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                CoreWorkload.class.getName()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        System.out.println("running " + String.join(" ", command.subList(command.size() - args.length - 1, command.size()))
                + " (-Xmx" + heap + ")");
        Map<String, Double> results = new HashMap<>();
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        String[] kv = line.split(" ");
                        results.put(kv[1], Double.parseDouble(kv[2]));
                    } else {
                        System.out.println(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the benchmark workload " + command.subList(command.size() - args.length, command.size())
                        + " failed with exit code " + exit + " (see its messages above; an OutOfMemoryError means -Xmx" + heap
                        + " was too small)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return results;
    }

    /** The 1, 5 and 15 minute load averages of the machine, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double[][] gaussian(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                row[t] = rnd.nextGaussian();
            }
        }
        return x;
    }
}
