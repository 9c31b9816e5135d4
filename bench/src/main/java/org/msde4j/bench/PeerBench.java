package org.msde4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.detect.DetectorOptions;
import org.msde4j.detect.MsdeDetector;
import org.msde4j.io.Npy;

/**
 * The same-run peer comparison: the authors' published medical pipeline (their {@code msde/msde.py},
 * fetched by the user; nothing of it is in this repository) run by {@code peer.py} in Python, once with
 * an exact brute-force kNN and once as shipped (NN-Descent), interleaved with msde4j's fit +
 * transductive score on the same rows, and the ratios of their medians. Skipped, with what to do,
 * when the code or the Python packages are missing.
 */
final class PeerBench {

    /** Modules the authors' code imports (Debian: python3-numpy … python3-pynndescent; umap-learn from PyPI). */
    private static final List<String> MODULES = List.of("numpy", "scipy", "sklearn", "numba", "pynndescent", "umap");

    private PeerBench() {
    }

    /** Runs the comparison; returns false (after saying why) when it had to be skipped. */
    static boolean run(Path authorsCode, String python, int train, int test, int dim, int repeats, PrintStream out)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(authorsCode.resolve("msde").resolve("msde.py"))) {
            out.println("msde-bench peer: skipped: there is no msde/msde.py under " + authorsCode.toAbsolutePath()
                    + ". Put a copy of the authors' medical MSDE repository (medi-msde, the commit that "
                    + "../shared/fixtures/msde-reference/manifest.json names) there, or pass its folder with --authors-code.");
            return false;
        }
        List<String> missing = missingModules(python);
        if (!missing.isEmpty()) {
            out.println("msde-bench peer: skipped: " + python + " cannot import " + String.join(", ", missing)
                    + ", which the authors' code needs. On Debian 12: apt-get install python3-numpy python3-scipy "
                    + "python3-sklearn python3-numba python3-pynndescent; umap-learn (0.5.x) is not packaged there: "
                    + "pip install umap-learn, or put its source folder on PYTHONPATH.");
            return false;
        }
        double[][] x = MsdeBench.gaussian(train, dim, 1);
        double[][] t = MsdeBench.gaussian(test, dim, 2);
        Path work = Files.createTempDirectory("msde4j-peer");
        write(work.resolve("train.npy"), x);
        write(work.resolve("test.npy"), t);
        Path script = work.resolve("peer.py");
        try (InputStream in = PeerBench.class.getResourceAsStream("peer.py")) {
            Files.copy(in, script);
        }
        DetectorOptions options = DetectorOptions.reference();
        out.printf("peer comparison: train %d × %d, test %d, fit + transductive score, %d interleaved repeats; load average %s%n",
                train, dim, test, repeats, MsdeBench.loadAverage());
        Process py = new ProcessBuilder(python, script.toString(), authorsCode.toAbsolutePath().toString(), work.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<double[]> exact = new ArrayList<>();
        List<double[]> shipped = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        try (BufferedReader from = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter to = new PrintWriter(py.getOutputStream(), true, StandardCharsets.UTF_8)) {
            MsdeDetector.fit(x, options).scoreTransductive(t);
            if (!awaitLine(from, "READY")) {
                throw new IllegalStateException("the authors' code did not start (see its messages above)");
            }
            for (int r = 0; r < repeats; r++) {
                exact.add(ask(from, to, "exact"));
                ours.add(timeOurs(x, t, options));
                shipped.add(ask(from, to, "shipped"));
                ours.add(timeOurs(x, t, options));
                out.printf("  repeat %d: exact %.2f s, shipped %.2f s, msde4j %.2f / %.2f s%n", r + 1, exact.get(r)[2],
                        shipped.get(r)[2], ours.get(2 * r), ours.get(2 * r + 1));
            }
        } finally {
            py.destroy();
            for (String name : new String[] {"train.npy", "test.npy", "peer.py"}) {
                Files.deleteIfExists(work.resolve(name));
            }
            Files.deleteIfExists(work);
        }
        double mine = CoreWorkload.median(ours.stream().mapToDouble(Double::doubleValue).toArray());
        out.printf("%n| run | fit s | predict_score s | fit + predict s (median) | peak RSS MiB | msde4j is faster by |%n");
        out.println("|---|---:|---:|---:|---:|---:|");
        row(out, "authors' code, exact brute-force kNN", exact, mine);
        row(out, "authors' code as shipped (NN-Descent)", shipped, mine);
        out.printf("| msde4j | | | %.2f | %d (whole JVM) | |%n", mine, CoreWorkload.residentPeak() >> 20);
        out.printf("%nload average after: %s%n", MsdeBench.loadAverage());
        return true;
    }

    private static void row(PrintStream out, String name, List<double[]> runs, double mine) {
        double fit = CoreWorkload.median(runs.stream().mapToDouble(r -> r[0]).toArray());
        double predict = CoreWorkload.median(runs.stream().mapToDouble(r -> r[1]).toArray());
        double total = CoreWorkload.median(runs.stream().mapToDouble(r -> r[2]).toArray());
        long rss = (long) runs.stream().mapToDouble(r -> r[3]).max().orElse(0);
        out.printf("| %s | %.2f | %.2f | %.2f | %d | %.2f× |%n", name, fit, predict, total, rss >> 20, total / mine);
    }

    private static double timeOurs(double[][] x, double[][] t, DetectorOptions options) {
        long t0 = System.nanoTime();
        MsdeDetector.fit(x, options).scoreTransductive(t);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Sends one command; returns fit s, predict s, their sum, and the peak RSS in bytes. */
    private static double[] ask(BufferedReader from, PrintWriter to, String mode) throws IOException {
        to.println(mode);
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (line.startsWith("RESULT ")) {
                String[] v = line.split(" ");
                double fit = Double.parseDouble(v[1]);
                double predict = Double.parseDouble(v[2]);
                return new double[] {fit, predict, fit + predict, Double.parseDouble(v[3])};
            }
        }
        throw new IllegalStateException("the authors' code stopped during the '" + mode + "' run (see its messages above)");
    }

    private static boolean awaitLine(BufferedReader from, String expected) throws IOException {
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (line.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /** The modules of {@link #MODULES} that {@code python} cannot import (all of them if it does not run). */
    private static List<String> missingModules(String python) throws InterruptedException {
        String probe = "import importlib\nfor m in " + MODULES.stream().map(m -> "'" + m + "'").toList() + ":\n"
                + "    try:\n        importlib.import_module(m)\n    except Exception:\n        print(m)\n";
        try {
            Process p = new ProcessBuilder(python, "-c", probe).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                return MODULES;
            }
            return output.lines().map(String::trim).filter(MODULES::contains).toList();
        } catch (IOException e) {
            return MODULES;
        }
    }

    private static void write(Path file, double[][] rows) throws IOException {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            Npy.writeFloat64(out, flat, rows.length, d);
        }
    }
}
