package org.msde4j.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.detect.MsdeModel;
import org.msde4j.detect.ShiftDiagnostics;
import org.msde4j.knn.ExactKnn;
import org.msde4j.knn.NeighbourSets;
import org.msde4j.math.Matrices;

/**
 * One workload of {@code msde-bench core}, run in a JVM of its own (so that its peak resident
 * memory is its own) by {@link MsdeBench}: it prints progress lines and {@code RESULT key value}
 * lines that the parent reads.
 *
 * <pre>
 * pipeline TRAIN TEST DIM REPEATS BACKEND   fit + transductive score, with the floor of each repeat
 * fit ROWS DIM BACKEND                      one fit, then its floor
 * </pre>
 */
public final class CoreWorkload {

    private CoreWorkload() {
    }

    public static void main(String[] args) {
        GramFloor floor = new GramFloor(MsdeBench.backend(args[args.length - 1]));
        DetectorOptions options = DetectorOptions.reference();
        if (args[0].equals("pipeline")) {
            pipeline(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), floor, options);
        } else {
            fit(Integer.parseInt(args[1]), Integer.parseInt(args[2]), floor, options);
        }
        System.exit(0);
    }

    /**
     * Fit + transductive score, repeated after one warm-up; before each repeat, the floor of that
     * repeat's searches (the bare products of one search of the fit run and one of the union run, times
     * the iterations each ran). Then, outside the measured peak, one exact kNN search checked against
     * brute force, and fit + inductive score.
     */
    private static void pipeline(int train, int test, int dim, int repeats, GramFloor floor, DetectorOptions options) {
        double[][] x = MsdeBench.gaussian(train, dim, 1);
        double[][] t = MsdeBench.gaussian(test, dim, 2);
        int[] iterations = fitAndScore(x, t, options, new double[2]);
        double[] total = new double[repeats];
        double[] floors = new double[repeats];
        double[] ratios = new double[repeats];
        double[] cpuRatios = new double[repeats];
        double[] fits = new double[repeats];
        double[] scores = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            floors[r] = floor.seconds(train, dim) * iterations[0];
            double cpuFloor = floor.lastCpuSeconds() * iterations[0];
            floors[r] += floor.seconds(train + test, dim) * iterations[1];
            cpuFloor += floor.lastCpuSeconds() * iterations[1];
            double[] parts = new double[2];
            long c0 = cpuNanos();
            fitAndScore(x, t, options, parts);
            cpuRatios[r] = (cpuNanos() - c0) / 1e9 / cpuFloor;
            fits[r] = parts[0];
            scores[r] = parts[1];
            total[r] = parts[0] + parts[1];
            ratios[r] = total[r] / floors[r];
            System.out.printf("  repeat %d: fit + transductive %.3f s, floor %.3f s, ratio %.2f (CPU time %.2f)%n", r + 1,
                    total[r], floors[r], ratios[r], cpuRatios[r]);
        }
        result("fitTransductive", median(total));
        result("fitTransductiveMin", Arrays.stream(total).min().orElse(0));
        result("fitTransductiveMax", Arrays.stream(total).max().orElse(0));
        result("fit", median(fits));
        result("transductive", median(scores));
        result("floor", median(floors));
        result("ratio", median(ratios));
        result("cpuRatio", median(cpuRatios));
        result("iterationsFit", iterations[0]);
        result("iterationsUnion", iterations[1]);
        result("heapPeakMiB", heapPeak() >> 20);
        result("rssPeakMiB", residentPeak() >> 20);
        double[][] union = Matrices.stack(x, t);
        ExactKnn knn = ExactKnn.withFastestBackend();
        long t0 = System.nanoTime();
        NeighbourSets sets = knn.selfInclusive(union, options.msde().k());
        result("knn", (System.nanoTime() - t0) / 1e9);
        result("knnFloor", floor.seconds(union.length, dim));
        result("exact", mismatches(union, sets, options.msde().k()));
        double[] inductive = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s0 = System.nanoTime();
            MsdeDetector.fit(x, options).score(t);
            inductive[r] = (System.nanoTime() - s0) / 1e9;
        }
        result("fitInductive", median(inductive));
    }

    /** Times fit and transductive score into {@code seconds}; returns the iterations of both runs. */
    private static int[] fitAndScore(double[][] x, double[][] t, DetectorOptions options, double[] seconds) {
        long t0 = System.nanoTime();
        MsdeModel model = MsdeDetector.fit(x, options);
        long t1 = System.nanoTime();
        ShiftDiagnostics scored = model.diagnoseTransductive(t);
        long t2 = System.nanoTime();
        seconds[0] = (t1 - t0) / 1e9;
        seconds[1] = (t2 - t1) / 1e9;
        return new int[] {model.summary().iterations(), scored.trace().iterations()};
    }

    /** One fit on {@code rows} rows (after a small warm-up fit), then the floor of its searches. */
    private static void fit(int rows, int dim, GramFloor floor, DetectorOptions options) {
        MsdeDetector.fit(MsdeBench.gaussian(2000, dim, 9), options);
        double[][] x = MsdeBench.gaussian(rows, dim, 3);
        System.gc();
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        MsdeModel model = MsdeDetector.fit(x, options);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - c0;
        int iterations = model.summary().iterations();
        result("fit", seconds);
        result("fitCpu", cpu / 1e9);
        result("iterations", iterations);
        result("heapPeakMiB", heapPeak() >> 20);
        result("rssPeakMiB", residentPeak() >> 20);
        System.out.printf("  fit of %d rows: %.1f s, %d iterations, peak heap %d MiB, peak RSS %d MiB; now its floor%n", rows,
                seconds, iterations, heapPeak() >> 20, residentPeak() >> 20);
        x = null;
        model = null;
        result("floor", floor.seconds(rows, dim) * iterations);
        result("floorCpu", floor.lastCpuSeconds() * iterations);
        result("cpuRatio", cpu / 1e9 / (floor.lastCpuSeconds() * iterations));
    }

    /**
     * CPU time of this process so far, all threads (the backend's native ones too), in nanoseconds.
     * Unlike wall time it hardly depends on other load, so its ratio to the floor's CPU time is what
     * the wall-time ratio would be on an idle machine (as long as both keep all cores busy there).
     */
    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Rows among 200 sampled whose neighbour set differs from a brute-force double-precision search. */
    private static int mismatches(double[][] x, NeighbourSets sets, int k) {
        Random rnd = new Random(5);
        int wrong = 0;
        for (int c = 0; c < 200; c++) {
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
                wrong++;
            }
        }
        return wrong;
    }

    private static void result(String key, double value) {
        System.out.println("RESULT " + key + " " + value);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The JVM's peak heap use so far (sum of the pools' peaks). */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM of this process (resident high-water mark: heap, native libraries and their buffers), or 0. */
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
}
