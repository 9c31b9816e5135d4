package org.msde4j.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * An output folder that appears complete or not at all. A run writes its files into a hidden
 * staging folder beside the target ({@code .NAME.partial-ID}); {@link #commit()} swaps it into
 * place, replacing an earlier run's folder only then. A run that fails or is killed leaves the
 * earlier folder untouched; its staging folder is removed by the next run into the same place.
 *
 * <pre>{@code
 * try (RunFolder run = RunFolder.begin(Path.of("runs/brain"))) {
 *     AtomicFiles.writeString(run.file("results.csv"), csv);
 *     run.commit();
 * }
 * }</pre>
 */
public final class RunFolder implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private boolean committed;

    private RunFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Starts a run into {@code target}; fails clearly when its parent folder cannot be written. */
    public static RunFolder begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException("output folder " + target + " exists and is not a folder: choose another --out.");
        }
        try {
            Files.createDirectories(parent);
            removeStale(parent, absolute.getFileName().toString());
            Path staging = parent.resolve("." + absolute.getFileName() + ".partial-" + UUID.randomUUID());
            Files.createDirectory(staging);
            return new RunFolder(absolute, staging);
        } catch (IOException e) {
            throw new IOException("cannot write the output folder " + target + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): choose a writable --out.", e);
        }
    }

    /** A path inside the run's (staging) folder; parent folders are created. */
    public Path file(String relative) throws IOException {
        Path p = staging.resolve(relative).normalize();
        if (!p.startsWith(staging)) {
            throw new IllegalArgumentException("file name " + relative + " leaves the output folder.");
        }
        Files.createDirectories(p.getParent());
        return p;
    }

    /** The run's folder while it is written (the staging folder), for tools that fill a whole tree at once. */
    public Path folder() {
        return staging;
    }

    /** Where the files end up. */
    public Path target() {
        return target;
    }

    /** Makes the run's folder the target folder, replacing an earlier one. */
    public void commit() throws IOException {
        Path previous = null;
        if (Files.exists(target)) {
            previous = target.resolveSibling("." + target.getFileName() + ".previous-" + UUID.randomUUID());
            Files.move(target, previous);
        }
        Files.move(staging, target);
        committed = true;
        if (previous != null) {
            deleteTree(previous);
        }
    }

    /** Removes the staging folder of a run that did not commit. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    private static void removeStale(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, "." + name + ".{partial,previous}-*")) {
            for (Path stale : s) {
                deleteTree(stale);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
