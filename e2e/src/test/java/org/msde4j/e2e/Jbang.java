package org.msde4j.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./jbang ALIAS ...} as a user does, from the repository root, in a subprocess whose
 * data root and cache ({@code MSDE4J_DATA}, {@code MSDE4J_CACHE}) are folders of the test's own.
 */
final class Jbang {

    /** The repository root (the tests run in {@code e2e/}). */
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    /** Exit code and everything the command printed. */
    record Result(int code, String output) {
    }

    /** Fails the test unless the command exited with 0. */
    static void assertOk(Result r) {
        if (r.code() != 0) {
            throw new AssertionError("exit code " + r.code() + ":\n" + r.output());
        }
    }

    /** Fails the test unless the command failed with a message that mentions every one of {@code parts}. */
    static void assertFails(Result r, String... parts) {
        if (r.code() == 0) {
            throw new AssertionError("expected a failure:\n" + r.output());
        }
        for (String part : parts) {
            if (!r.output().contains(part)) {
                throw new AssertionError("the message should mention '" + part + "':\n" + r.output());
            }
        }
    }

    private Jbang() {
    }

    /** The process of {@code ./jbang args...} with data and cache under {@code home}, not started. */
    static ProcessBuilder command(Path home, List<String> args) {
        List<String> command = new ArrayList<>(List.of("./jbang"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        pb.environment().put("MSDE4J_DATA", home.resolve("data").toString());
        pb.environment().put("MSDE4J_CACHE", home.resolve("cache").toString());
        return pb;
    }

    /**
     * The process of {@code REPO/jbang args...} started in {@code folder}, with data and cache under
     * {@code home} and the environment changed by {@code env} (a null value removes a variable).
     */
    static ProcessBuilder commandIn(Path folder, Path home, Map<String, String> env, List<String> args) {
        ProcessBuilder pb = command(home, args).directory(folder.toFile());
        pb.command().set(0, REPO.resolve("jbang").toString());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb;
    }

    /** Runs {@code ./jbang args...} to its end; fails the test when it takes longer than {@code limit}. */
    static Result run(Path home, Duration limit, List<String> args) throws IOException, InterruptedException {
        return run(command(home, args), home, limit);
    }

    /** Runs a command made by {@link #command} or {@link #commandIn} to its end, its output logged under {@code home}. */
    static Result run(ProcessBuilder pb, Path home, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile(home, "out", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", pb.command()) + " did not finish in " + limit.toMinutes()
                    + " minutes:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
