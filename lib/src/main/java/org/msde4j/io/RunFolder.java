package org.msde4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An output folder that appears complete or not at all, and that never costs the user a file.
 *
 * <p>A run writes its files into a hidden staging folder beside the target
 * ({@code .NAME.partial-ID}); {@link #commit()} puts them in place. A new target is the staging
 * folder renamed, in one step. msde4j marks every folder it writes with a file ({@code .msde4j-run.json})
 * that lists its files; an existing target is accepted only when it is empty, or when it holds an
 * earlier msde4j run and {@link OutputRules#overwrite()} is set. A run folder written before the
 * marker existed counts as msde4j's only if its {@code run.json} names msde4j and every file in it
 * bears one of msde4j's output names. Then the commit moves each new file
 * in (atomically, file by file), deletes the earlier run's files that the new run did not write, and
 * leaves every other file alone. A listed file that changed since msde4j wrote it counts as the
 * user's: the run is refused rather than replace it. A run that fails or is killed leaves the target
 * untouched; its staging folder is removed by the next run into the same place. A run holds a lock on
 * {@code .NAME.partial-ID.lock} while it lives (an operating-system lock, released when its process
 * ends), so that two runs into the same folder at once never remove each other's staging folder: the
 * later one commits only if the rules let it replace the earlier one's files.
 *
 * <pre>{@code
 * try (RunFolder run = RunFolder.begin(Path.of("runs/brain"), OutputRules.NEW_FOLDER)) {
 *     AtomicFiles.writeString(run.file("results.csv"), csv);
 *     run.commit();
 * }
 * }</pre>
 */
public final class RunFolder implements AutoCloseable {

    /** The name of the file that marks a folder as msde4j's and lists the files msde4j wrote there. */
    public static final String MARKER = RunMarker.NAME;

    /** What an msde4j folder holds; {@code --overwrite} replaces only a folder of the same kind. */
    public enum Kind {
        /** The results of a command (msde-eval, msde-fit, msde-score, msde-embed). */
        RUN("an earlier msde4j run"),
        /** A dataset msde4j installed or generated. */
        DATASET("a dataset msde4j installed"),
        /** A self-supervised backbone msde4j trained. */
        BACKBONE("a backbone msde4j trained");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The kind a marker names, or null for a marker written before kinds were recorded (any kind). */
        static Kind named(String name) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private final Path shown;
    private final Path target;
    private final Path staging;
    private final OutputRules rules;
    private final Kind kind;
    private final FileChannel lock;
    private boolean committed;

    /** What follows {@code .NAME} in the name of a staging folder (then a random id) and of its lock. */
    private static final String STAGING = ".partial-";

    /** Staging folders of this JVM's live runs (a lock held by this JVM cannot be tested from it). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private RunFolder(Path shown, Path target, Path staging, OutputRules rules, Kind kind, FileChannel lock) {
        this.shown = shown;
        this.target = target;
        this.staging = staging;
        this.rules = rules;
        this.kind = kind;
        this.lock = lock;
    }

    /** Starts a run into {@code target}, which must not exist yet or be empty ({@link OutputRules#NEW_FOLDER}). */
    public static RunFolder begin(Path target) throws IOException {
        return begin(target, OutputRules.NEW_FOLDER);
    }

    /** Starts a run of {@link Kind#RUN} into {@code target} under {@code rules}. */
    public static RunFolder begin(Path target, OutputRules rules) throws IOException {
        return begin(target, rules, Kind.RUN);
    }

    /**
     * Starts writing a folder of {@code kind} into {@code target} under {@code rules}; refuses, before
     * any work is done, a target the rules forbid, an existing folder msde4j did not write, an earlier
     * one without overwrite, or one of another kind.
     */
    public static RunFolder begin(Path target, OutputRules rules, Kind kind) throws IOException {
        Path canonical = OutputRules.canonical(target);
        rules.check(target, canonical);
        if (Files.exists(canonical) && !Files.isDirectory(canonical)) {
            throw new IOException("output folder " + target + " exists and is not a folder: choose another --out.");
        }
        if (Files.isDirectory(canonical)) {
            checkExisting(target, canonical, rules, kind);
        }
        Path parent = canonical.getParent();
        try {
            Files.createDirectories(parent);
            removeStale(parent, canonical.getFileName().toString());
            Path staging = parent.resolve("." + canonical.getFileName() + STAGING + UUID.randomUUID());
            FileChannel lock = FileChannel.open(lockOf(staging), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                holdIfSupported(lock);
                LIVE.add(staging);
                Files.createDirectory(staging);
                new RunMarker(kind, Map.of()).write(staging);
            } catch (IOException | RuntimeException e) {
                release(staging, lock);
                throw e;
            }
            return new RunFolder(target, canonical, staging, rules, kind, lock);
        } catch (IOException e) {
            throw new IOException("cannot write the output folder " + target + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): choose a writable --out.", e);
        }
    }

    /** An existing target: empty, or an earlier msde4j folder of the same kind that may be replaced and whose files are unchanged. */
    private static void checkExisting(Path shown, Path folder, OutputRules rules, Kind kind) throws IOException {
        RunMarker earlier = RunMarker.readOrLegacy(folder);
        if (earlier == null) {
            List<String> present = entries(folder);
            if (!present.isEmpty()) {
                throw new IOException("output folder " + shown + " already exists and was not written by msde4j (it holds "
                        + (present.size() == 1 ? present.get(0) : present.size() + " entries, e.g. " + present.get(0))
                        + "): msde4j never replaces files it did not write. Choose a new --out folder.");
            }
            return;
        }
        if (earlier.kind() != null && earlier.kind() != kind) {
            throw new IOException("output folder " + shown + " holds " + earlier.kind().description + ", not "
                    + kind.description.replaceFirst("^an earlier", "an") + ": msde4j never replaces one with the other, "
                    + "even with --overwrite. Choose another --out.");
        }
        if (!rules.overwrite()) {
            throw new IOException("output folder " + shown + " holds " + kind.description + ": pass --overwrite to replace "
                    + "its files (other files in the folder are kept), or choose another --out.");
        }
        List<String> changed = earlier.changedIn(folder);
        if (!changed.isEmpty()) {
            throw new IOException("output folder " + shown + ": " + changed + " changed after msde4j wrote "
                    + (changed.size() == 1 ? "it" : "them") + ", so " + (changed.size() == 1 ? "it is" : "they are")
                    + " yours now and will not be replaced. Move " + (changed.size() == 1 ? "it" : "them")
                    + " out of the folder, or choose another --out.");
        }
    }

    /**
     * {@code folder}, or the first of {@code folder-2}, {@code folder-3}, … that neither exists nor
     * is being written by a run (no staging folder beside it): a default output folder named to the
     * second is then not shared by two runs started one after the other within that second.
     */
    public static Path unused(Path folder) throws IOException {
        Path candidate = folder;
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || staged(candidate); n++) {
            candidate = folder.resolveSibling(folder.getFileName() + "-" + n);
        }
        return candidate;
    }

    /** Whether a run's staging folder for {@code folder} lies beside it. */
    private static boolean staged(Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return false;
        }
        return !staging(parent, folder.getFileName().toString()).isEmpty();
    }

    /** The entries of {@code parent} named like a staging folder of {@code name}, or like its lock. */
    private static List<Path> staging(Path parent, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, "." + name + STAGING + "*")) {
            s.forEach(found::add);
        }
        return found;
    }

    /** Whether {@code folder} carries msde4j's marker, i.e. holds files an msde4j run wrote. */
    public static boolean writtenByMsde4j(Path folder) throws IOException {
        return Files.isDirectory(folder) && RunMarker.read(folder) != null;
    }

    /** A path inside the run's (staging) folder; parent folders are created. */
    public Path file(String relative) throws IOException {
        Path p = staging.resolve(relative).normalize();
        if (!p.startsWith(staging) || p.equals(staging) || p.getFileName().toString().equals(RunMarker.NAME)) {
            throw new IllegalArgumentException("file name " + relative + " leaves the output folder.");
        }
        requireStaging();
        Files.createDirectories(p.getParent());
        return p;
    }

    /** The run's folder while it is written (the staging folder), for tools that fill a whole tree at once. */
    public Path folder() {
        return staging;
    }

    /** Where the files end up. */
    public Path target() {
        return shown;
    }

    /**
     * Puts the run's files in place: renames the staging folder to a new target, or moves the files
     * into an existing one, replacing only the earlier msde4j run's files (see the class comment).
     */
    public void commit() throws IOException {
        requireStaging();
        RunMarker fresh = RunMarker.of(staging, kind);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            fresh.write(staging);
            try {
                Files.move(staging, target);
                committed = true;
                release(staging, lock);
                return;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another run into the same folder committed first: treated as an existing target below
            }
        }
        checkExisting(shown, target, rules, kind);
        RunMarker earlier = RunMarker.readOrLegacy(target);
        RunMarker owned = earlier == null ? new RunMarker(kind, Map.of()) : earlier;
        List<String> foreign = owned.notListed(RunMarker.filesUnder(target));
        List<String> clashes = foreign.stream().filter(fresh.files()::containsKey).toList();
        if (!clashes.isEmpty()) {
            throw new IOException("output folder " + shown + " holds " + clashes + ", which msde4j did not write and "
                    + "this run would replace: move " + (clashes.size() == 1 ? "it" : "them")
                    + " away, or choose another --out.");
        }
        owned.plus(fresh).write(target);
        for (String name : fresh.files().keySet()) {
            Path to = target.resolve(name);
            Files.createDirectories(to.getParent());
            AtomicFiles.moveIntoPlace(staging.resolve(name), to);
        }
        Set<String> stale = new HashSet<>(owned.files().keySet());
        stale.removeAll(fresh.files().keySet());
        for (String name : stale) {
            Path old = target.resolve(name);
            Files.deleteIfExists(old);
            removeEmptyParents(old.getParent());
        }
        fresh.write(target);
        committed = true;
        deleteTree(staging);
        release(staging, lock);
    }

    /** Removes the staging folder of a run that did not commit. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                deleteTree(staging);
            } finally {
                release(staging, lock);
            }
        }
    }

    /** Refuses to go on when the staging folder is gone, rather than publish part of the run. */
    private void requireStaging() throws IOException {
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the files of this run in " + staging + " were removed while it ran; nothing was written "
                    + "to " + shown + ". Run it again.");
        }
    }

    /** The lock file of a staging folder. */
    private static Path lockOf(Path staging) {
        return staging.resolveSibling(staging.getFileName() + ".lock");
    }

    /** Ends a run's claim on its staging folder: the lock is released and its file removed. */
    private static void release(Path staging, FileChannel lock) throws IOException {
        LIVE.remove(staging);
        lock.close();
        Files.deleteIfExists(lockOf(staging));
    }

    /** Folders left empty by deleting an earlier run's file, up to (not including) the target. */
    private void removeEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(target) && !dir.equals(target) && entries(dir).isEmpty()) {
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Staging folders of killed runs into the same target: hidden, named after it, marked as msde4j's,
     * and not locked by a live run (of this JVM or another process).
     */
    private static void removeStale(Path parent, String name) throws IOException {
        List<Path> stale = new ArrayList<>();
        for (Path p : staging(parent, name)) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !LIVE.contains(p) && RunMarker.read(p) != null) {
                stale.add(p);
            }
        }
        for (Path p : stale) {
            Path lockFile = lockOf(p);
            if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(p);
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                if (acquired(channel)) {     // its run ended without cleaning up: the lock is free
                    deleteTree(p);
                    Files.deleteIfExists(lockFile);
                }
            } catch (NoSuchFileException e) {
                // its run has just ended and cleaned up
            }
        }
    }

    /**
     * Locks the run's lock file. On a file system without locks (some network ones) the run goes on
     * without one: its staging folder then counts as live to every other run, which never removes it.
     */
    private static void holdIfSupported(FileChannel lock) {
        try {
            lock.lock();
        } catch (IOException e) {
            // no locks here: see above
        }
    }

    /** Whether this process got the lock: not when a live run holds it (here or elsewhere) or locks are unsupported. */
    private static boolean acquired(FileChannel channel) {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
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
