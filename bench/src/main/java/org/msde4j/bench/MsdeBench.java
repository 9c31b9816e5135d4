package org.msde4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ScoringMode;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.GramBackend;
import org.msde4j.knn.Nd4jGram;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.knn.TorchGram;
import org.msde4j.math.Matrices;

/**
 * The core benchmark of issue 2: the medical settings (k 50, τ 70, η 0.33, 8 iterations) on random
 * N(0, 1) data, train 4000×512 and test 2000×512, against a bare matrix product of the size the kNN
 * search needs, measured in the same run. Prints a table: median seconds over the repeats (after one
 * warm-up), heap and resident-memory peaks, and ratios.
 *
 * <pre>
 * ./jbang msde-bench core --repeats 3
 * ./jbang msde-bench core --large 50000
 * </pre>
 */
public final class MsdeBench {

    /** The authors' Python, exact kNN, fit + transductive score on this machine class (fixture README). */
    static final double PEER_SECONDS = 34.4;

    private MsdeBench() {
    }

    /** Options of the core benchmark (see {@link BenchCommand.Core}). */
    record Args(int train, int test, int dim, int repeats, String backend, int large) {
    }

    static void run(Args a) {
        GramBackend backend = a.backend().equals("nd4j") || !TorchGram.available() ? new Nd4jGram() : new TorchGram();
        ExactKnn knn = new ExactKnn(backend);
        if (a.large() > 0) {
            large(a, knn);
            return;
        }
        double[][] train = gaussian(a.train(), a.dim(), 1);
        double[][] test = gaussian(a.test(), a.dim(), 2);
        double[][] union = Matrices.stack(train, test);
        DetectorOptions options = DetectorOptions.reference();
        int n = union.length;

        System.out.printf("msde4j benchmark: train %d×%d, test %d×%d, k %d, τ %d, η %.2f, %d iterations; kNN on %s; "
                        + "%d cores; max heap %d MiB%n%n", a.train(), a.dim(), a.test(), a.dim(), options.msde().k(),
                options.msde().tau(), options.msde().eta(), options.msde().maxIterations(), backend.name(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        List<Row> rows = new ArrayList<>();
        float[] floats = toFloats(union);
        Row product = measure("matrix product " + n + "×" + a.dim() + " · " + a.dim() + "×" + n + " (float32, " + backend.name() + ")",
                a.repeats(), () -> {
                    float[] out = new float[512 * n];
                    try (GramBackend.Session s = backend.load(floats, n, a.dim())) {
                        for (int r0 = 0; r0 < n; r0 += 512) {
                            s.products(r0, Math.min(n, r0 + 512), 0, n, out);
                        }
                    }
                    return null;
                });
        product.note = String.format("%.1f GFLOP/s", 2.0 * n * n * a.dim() / product.seconds / 1e9);
        rows.add(product);

        Row knnRow = measure("exact kNN, " + n + " rows, k " + options.msde().k(), a.repeats(),
                () -> knn.selfInclusive(union, options.msde().k()));
        knnRow.note = String.format("%.2f× the bare product; %s", knnRow.seconds / product.seconds,
                exactness(union, knn.selfInclusive(union, options.msde().k()), options.msde().k()));
        rows.add(knnRow);

        MsdeModel[] fitted = new MsdeModel[1];
        Row fit = measure("fit (" + a.train() + " rows)", a.repeats(), () -> fitted[0] = MsdeDetector.fit(train, options));
        rows.add(fit);
        Row transductive = measure("transductive score (" + a.test() + " rows)", a.repeats(),
                () -> fitted[0].score(test, ScoringMode.TRANSDUCTIVE));
        rows.add(transductive);
        Row inductive = measure("inductive score (" + a.test() + " rows)", a.repeats(),
                () -> fitted[0].score(test, ScoringMode.INDUCTIVE));
        rows.add(inductive);
        Row fitTransductive = measure("fit + transductive score", a.repeats(), () -> {
            MsdeDetector.fit(train, options).score(test, ScoringMode.TRANSDUCTIVE);
            return null;
        });
        fitTransductive.note = String.format("%.1f× faster than the authors' %.1f s (exact kNN); target ≤ %.1f s",
                PEER_SECONDS / fitTransductive.seconds, PEER_SECONDS, PEER_SECONDS / 10);
        rows.add(fitTransductive);
        Row fitInductive = measure("fit + inductive score", a.repeats(), () -> {
            MsdeDetector.fit(train, options).score(test, ScoringMode.INDUCTIVE);
            return null;
        });
        rows.add(fitInductive);
        print(rows);
    }

    private static void large(Args a, ExactKnn knn) {
        double[][] train = gaussian(a.large(), a.dim(), 3);
        System.out.printf("msde4j large fit: %d×%d, kNN on %s, max heap %d MiB%n%n", a.large(), a.dim(), knn.backendName(),
                Runtime.getRuntime().maxMemory() >> 20);
        MsdeModel[] model = new MsdeModel[1];
        Row fit = measure("fit (" + a.large() + " rows)", 1, () -> model[0] = MsdeDetector.fit(train, DetectorOptions.reference()),
                false);
        fit.note = model[0].summary().toString().replace('\n', ' ');
        print(List.of(fit));
    }

    /** Compares the neighbour sets of 200 random rows with a brute-force double-precision search. */
    private static String exactness(double[][] x, NeighbourSets sets, int k) {
        Random rnd = new Random(5);
        int checked = 200;
        for (int c = 0; c < checked; c++) {
            int i = rnd.nextInt(x.length);
            double[] d = new double[x.length];
            Integer[] order = new Integer[x.length];
            for (int j = 0; j < x.length; j++) {
                d[j] = Matrices.squaredDistance(x[i], x[j]);
                order[j] = j;
            }
            Arrays.sort(order, (p, q) -> p == i ? -1 : q == i ? 1
                    : d[p] != d[q] ? Double.compare(d[p], d[q]) : Integer.compare(p, q));
            int[] expected = Arrays.stream(order).limit(k).mapToInt(Integer::intValue).sorted().toArray();
            if (!Arrays.equals(expected, sets.of(i))) {
                return "DIFFERS from brute force at row " + i;
            }
        }
        return "sets identical to brute force on " + checked + " sampled rows";
    }

    private static Row measure(String name, int repeats, Supplier<Object> work) {
        return measure(name, repeats, work, true);
    }

    private static Row measure(String name, int repeats, Supplier<Object> work, boolean warmUp) {
        if (warmUp) {
            work.get();
        }
        double[] seconds = new double[repeats];
        long heapPeak = 0;
        long rssPeak = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            work.get();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            heapPeak = Math.max(heapPeak, heapPeak());
            rssPeak = Math.max(rssPeak, residentPeak());
        }
        Arrays.sort(seconds);
        Row row = new Row(name, seconds[repeats / 2], seconds[0], seconds[repeats - 1], heapPeak, rssPeak);
        System.out.printf("  %s: %.3f s%n", name, row.seconds);
        return row;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Resetting the resident high-water mark needs Linux ≥ 4.0; the peak then covers the whole run.
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM of this process (resident high-water mark, heap + native), or 0 where unavailable. */
    static long residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) << 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.println("| step | median s | min–max s | heap peak MiB | RSS peak MiB | notes |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (Row r : rows) {
            System.out.printf("| %s | %.3f | %.3f–%.3f | %d | %d | %s |%n", r.name, r.seconds, r.min, r.max,
                    r.heapPeak >> 20, r.rssPeak >> 20, r.note == null ? "" : r.note);
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

    private static float[] toFloats(double[][] x) {
        int d = x[0].length;
        float[] f = new float[x.length * d];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < d; t++) {
                f[i * d + t] = (float) x[i][t];
            }
        }
        return f;
    }

    /** One line of the table. */
    private static final class Row {
        final String name;
        final double seconds;
        final double min;
        final double max;
        final long heapPeak;
        final long rssPeak;
        String note;

        Row(String name, double seconds, double min, double max, long heapPeak, long rssPeak) {
            this.name = name;
            this.seconds = seconds;
            this.min = min;
            this.max = max;
            this.heapPeak = heapPeak;
            this.rssPeak = rssPeak;
        }
    }
}
