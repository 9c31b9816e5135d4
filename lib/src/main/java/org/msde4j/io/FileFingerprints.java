package org.msde4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of files' bytes, remembered in an index file with each file's size, modification
 * time and (on Unix) inode number and status-change time: a file is read and hashed again only when
 * one of those changed. The status-change time cannot be set by programs (unlike the modification
 * time, which {@code touch} or a copy tool may restore), so a file rewritten in place is always
 * noticed; a file renamed or copied is merely hashed again.
 */
public final class FileFingerprints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path index;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Entry> used = new LinkedHashMap<>();
    private boolean changed;
    private long hashedBytes;

    /** What was known of a file when it was hashed. */
    private record Entry(long size, long modified, long changed, long inode, String sha256) {
    }

    private FileFingerprints(Path index) {
        this.index = index;
    }

    /** The fingerprints remembered in {@code index} (an absent or unreadable index is an empty one). */
    public static FileFingerprints open(Path index) {
        FileFingerprints f = new FileFingerprints(index);
        if (Files.isRegularFile(index)) {
            try {
                JsonNode root = JSON.readTree(index.toFile());
                root.path("files").fields().forEachRemaining(e -> {
                    JsonNode v = e.getValue();
                    f.entries.put(e.getKey(), new Entry(v.path("size").asLong(), v.path("modified_ns").asLong(),
                            v.path("changed_ns").asLong(), v.path("inode").asLong(), v.path("sha256").asText()));
                });
            } catch (IOException e) {
                f.entries.clear();
            }
        }
        return f;
    }

    /** The SHA-256 of {@code file}'s bytes: remembered when size and times are unchanged, else computed. */
    public String sha256(Path file) throws IOException {
        String key = file.toAbsolutePath().normalize().toString();
        Entry now = stat(file);
        Entry known = entries.get(key);
        Entry result;
        if (known != null && known.size() == now.size() && known.modified() == now.modified()
                && known.changed() == now.changed() && known.inode() == now.inode()) {
            result = known;
        } else {
            // the times before reading: a change while hashing shows as a changed time next time
            hashedBytes += now.size();
            result = new Entry(now.size(), now.modified(), now.changed(), now.inode(), Sha256.of(file));
            changed = true;
        }
        used.put(key, result);
        return result.sha256();
    }

    /** Bytes read and hashed so far (files whose fingerprint was not remembered). */
    public long hashedBytes() {
        return hashedBytes;
    }

    /** Writes the fingerprints of the files asked for since opening, atomically, if any was new. */
    public void save() throws IOException {
        if (!changed && used.size() == entries.size()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode files = root.putObject("files");
        used.forEach((path, e) -> files.putObject(path).put("size", e.size()).put("modified_ns", e.modified())
                .put("changed_ns", e.changed()).put("inode", e.inode()).put("sha256", e.sha256()));
        AtomicFiles.writeString(index, JSON.writeValueAsString(root));
    }

    /** Size and times of {@code file} in one call where the file system has Unix attributes. */
    private static Entry stat(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
            return new Entry(((Number) a.get("size")).longValue(), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")), ((Number) a.get("ino")).longValue(), null);
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Entry(a.size(), nanos(a.lastModifiedTime()), 0, 0, null);
    }

    private static long nanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
