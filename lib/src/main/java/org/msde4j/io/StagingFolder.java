package org.msde4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary folder beside a target folder, for building a folder tree that must appear
 * complete or not at all: fill it, then {@link #moveIntoPlace} the finished tree with one rename.
 * Closing deletes whatever is left in it (the unfinished work, or the target's previous content).
 *
 * <pre>{@code
 * try (StagingFolder staging = StagingFolder.beside(target)) {
 *     Path tree = staging.path().resolve("tree");
 *     … write into tree …
 *     staging.moveIntoPlace(tree, target);
 * }
 * }</pre>
 */
public final class StagingFolder implements AutoCloseable {

    private final Path path;

    private StagingFolder(Path path) {
        this.path = path;
    }

    /** Creates {@code .NAME.staging-…} in {@code target}'s parent folder (the same file system, so moves are renames). */
    public static StagingFolder beside(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return new StagingFolder(Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-"));
    }

    /** The staging folder. */
    public Path path() {
        return path;
    }

    /**
     * Moves {@code tree} (inside this staging folder) to {@code target}; an existing target is first
     * moved into the staging folder, to be deleted on {@link #close}.
     */
    public void moveIntoPlace(Path tree, Path target) throws IOException {
        if (!tree.toAbsolutePath().normalize().startsWith(path)) {
            throw new IllegalArgumentException(tree + " is not inside the staging folder " + path + ".");
        }
        if (Files.exists(target)) {
            AtomicFiles.moveIntoPlace(target, Files.createTempDirectory(path, "previous-").resolve("content"));
        }
        AtomicFiles.moveIntoPlace(tree, target);
    }

    /** Deletes the staging folder and everything still in it. */
    @Override
    public void close() throws IOException {
        deleteTree(path);
    }

    /** Deletes a folder and everything under it; nothing happens when it does not exist. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
