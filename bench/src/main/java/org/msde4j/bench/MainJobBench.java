package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Times the main job as a new user meets it: a fresh clone of this repository, fresh data and cache
 * folders (so the synthetic set is generated and the backbone trained), and {@code ./jbang msde-eval}
 * with no arguments. The Maven repository is the machine's own, already populated. Prints a table of
 * the wall time of each repeat and checks that AUROC/AP were printed.
 */
final class MainJobBench {

    private MainJobBench() {
    }

    static void run(Path repo, int repeats) throws IOException, InterruptedException {
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Path scratch = Files.createTempDirectory("msde4j-main-job");
            Path clone = scratch.resolve("msde4j");
            exec(List.of("git", "clone", "-q", repo.toAbsolutePath().toString(), clone.toString()), scratch, null);
            Path log = scratch.resolve("msde-eval.log");
            long start = System.nanoTime();
            int code = exec(List.of("./jbang", "msde-eval"), clone, log, "MSDE4J_DATA=" + scratch.resolve("data"),
                    "MSDE4J_CACHE=" + scratch.resolve("cache"));
            double s = (System.nanoTime() - start) / 1e9;
            String out = Files.readString(log);
            boolean printed = out.contains("MSDE (inductive)") && out.contains("GDE (no MSDE)") && out.contains("AUROC");
            System.out.printf(Locale.ROOT, "run %d: exit %d, %.1f s, table printed: %s (log %s)%n", r + 1, code, s, printed, log);
            if (code != 0 || !printed) {
                System.out.println(out);
                throw new IllegalStateException("the main job failed; see " + log);
            }
            seconds.add(s);
        }
        System.out.println();
        System.out.println("| main job: ./jbang msde-eval in a fresh clone | seconds |");
        System.out.println("|---|---:|");
        for (int r = 0; r < seconds.size(); r++) {
            System.out.printf(Locale.ROOT, "| run %d | %.1f |%n", r + 1, seconds.get(r));
        }
        System.out.printf(Locale.ROOT, "| target | ≤ 180 |%n");
    }

    /** Runs {@code command} in {@code dir} with extra {@code env} (NAME=VALUE), output to {@code log}; at most an hour. */
    static int exec(List<String> command, Path dir, Path log, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within an hour");
        }
        return p.exitValue();
    }
}
