package org.msde4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.msde4j.Version;

/**
 * The file {@value #NAME} that marks a folder as written by msde4j and lists the files msde4j put
 * there, each with its size and modification time when written. Only listed files that are still
 * unchanged are msde4j's to replace; anything else in the folder belongs to the user.
 *
 * @param kind  what the folder holds (only a folder of the same kind may be overwritten); null in a
 *              marker written before kinds were recorded
 * @param files the files msde4j wrote, by path relative to the folder
 */
record RunMarker(RunFolder.Kind kind, Map<String, Written> files) {

    /** The marker's file name. */
    static final String NAME = ".msde4j-run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file as msde4j wrote it. */
    record Written(long size, long modifiedNanos) {
        static Written of(Path file) throws IOException {
            return new Written(Files.size(file), RunMarker.modifiedNanos(file));
        }
    }

    /** The marker of {@code folder}, or null when it has none (not an msde4j folder). */
    static RunMarker read(Path folder) throws IOException {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a valid msde4j run marker (" + e.getMessage() + "): the folder's files "
                    + "cannot be told apart from yours, so msde4j will not write there. Choose another --out.", e);
        }
        Map<String, Written> files = new LinkedHashMap<>();
        for (JsonNode f : root.path("files")) {
            String name = f.path("path").asText();
            Path listed = folder.resolve(name).normalize();
            if (name.isEmpty() || Path.of(name).isAbsolute() || !listed.startsWith(folder.normalize())
                    || listed.equals(folder.normalize())) {
                throw new IOException(file + " lists \"" + name + "\", which is not a file inside " + folder
                        + ": the marker is damaged, so msde4j will neither replace nor delete anything there. Choose "
                        + "another --out.");
            }
            files.put(name, new Written(f.path("size").asLong(), f.path("modified_ns").asLong()));
        }
        return new RunMarker(RunFolder.Kind.named(root.path("kind").asText()), files);
    }

    /** The files that msde4j runs write into an output folder (results, reports, models, scores, embeddings). */
    static final Set<String> OUTPUT_NAMES = Set.of("results.csv", "results.md", "summary.json",
            "report.html", "run.json", "model.msde", "scores.csv", "train.npy", "test.npy", "samples.csv");

    /**
     * The files of a run folder written by an msde4j from before this marker, or null: a folder whose
     * {@code run.json} names msde4j's version and whose every file carries one of msde4j's output names
     * ({@link #OUTPUT_NAMES}, at the top level). Any other file makes it the user's folder.
     */
    static RunMarker legacy(Path folder) throws IOException {
        Path runJson = folder.resolve("run.json");
        if (!Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            if (!JSON.readTree(runJson.toFile()).path("versions").has("msde4j")) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.toList()) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !OUTPUT_NAMES.contains(p.getFileName().toString())) {
                    return null;
                }
            }
        }
        return of(folder, RunFolder.Kind.RUN);
    }

    /** The marker of {@code folder}, or of a run folder written before markers ({@link #legacy}), or null. */
    static RunMarker readOrLegacy(Path folder) throws IOException {
        RunMarker marker = read(folder);
        return marker != null ? marker : legacy(folder);
    }

    /** The marker of the regular files under {@code folder} (the marker itself excluded), as they are now. */
    static RunMarker of(Path folder, RunFolder.Kind kind) throws IOException {
        Map<String, Written> files = new LinkedHashMap<>();
        for (String name : filesUnder(folder)) {
            files.put(name, Written.of(folder.resolve(name)));
        }
        return new RunMarker(kind, files);
    }

    /** This marker with the entries of {@code other} added, of {@code other}'s kind. */
    RunMarker plus(RunMarker other) {
        Map<String, Written> all = new LinkedHashMap<>(files);
        all.putAll(other.files);
        return new RunMarker(other.kind, all);
    }

    /** Writes this marker into {@code folder}, atomically. */
    void write(Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("written_by", "msde4j");
        root.put("msde4j", Version.current());
        root.put("updated", Instant.now().toString());
        root.put("kind", kind.name().toLowerCase(Locale.ROOT));
        root.put("note", "msde4j replaces only the files listed here, and only while they are unchanged "
                + "(same size and modification time); every other file in this folder is left alone.");
        ArrayNode list = root.putArray("files");
        files.forEach((name, w) -> list.addObject().put("path", name).put("size", w.size()).put("modified_ns",
                w.modifiedNanos()));
        AtomicFiles.writeString(folder.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** The listed files of {@code folder} that changed since msde4j wrote them (they are the user's now). */
    List<String> changedIn(Path folder) throws IOException {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Written> e : files.entrySet()) {
            Path f = folder.resolve(e.getKey());
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                    && (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || !Written.of(f).equals(e.getValue()))) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    /** Paths (relative, '/'-separated) of the regular files under {@code folder}, the marker excluded. */
    static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(NAME)).sorted().toList();
        }
    }

    /** The names of {@code names} that are not listed. */
    List<String> notListed(Collection<String> names) {
        return names.stream().filter(n -> !files.containsKey(n)).toList();
    }

    private static long modifiedNanos(Path file) throws IOException {
        Instant t = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
