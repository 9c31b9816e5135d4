package org.msde4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.LoggerFactory;

/**
 * The output folder of a job, on any Hadoop file system, that appears complete or not at all.
 *
 * <p>The job writes into a hidden staging folder beside the target ({@code .NAME.partial-ID}, which
 * Spark and Hadoop readers skip); {@link #commit()} renames it into place. A job that fails or is
 * killed before it commits leaves the target as it was; its staging folder is removed by the next
 * job into the same place. On HDFS and local disks a rename is atomic; on object stores (S3) it is a
 * copy, so there a reader should wait for {@code summary.json}, which is written last.
 *
 * <p>An existing target is refused unless {@code overwrite}, and even then only when it is an
 * earlier output of this job: a folder with this job's {@code summary.json} and no other files
 * than the job's own ({@link #OWN}), or an empty folder. Nothing else is ever deleted. The check
 * runs in {@link #begin} and again in {@link #commit()}, since another job or the user may have
 * written there in between.
 *
 * <p>The commit moves an earlier output aside ({@code .NAME.previous-ID}), moves the staging folder
 * into place, and only then deletes the earlier output. If the second move fails, the earlier
 * output is moved back; if the job dies between the moves, the next {@link #begin} moves it back.
 * Once a commit has been tried, the staging folder is never deleted: the error says where it is.
 */
final class StagedOutput implements AutoCloseable {

    /** The job's own files in its output folder. */
    static final Set<String> OWN = Set.of(ScoreArchiveJob.PARQUET, ScoreArchiveJob.CSV, ScoreArchiveJob.SUMMARY);

    /** What follows {@code .NAME} in the names of a staging folder and of an earlier output moved aside. */
    private static final String PARTIAL = ".partial-";
    private static final String PREVIOUS = ".previous-";

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final String out;
    private final boolean overwrite;
    private boolean commitTried;

    private StagedOutput(FileSystem fs, Path target, Path staging, String out, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.out = out;
        this.overwrite = overwrite;
    }

    /** Checks {@code out} and starts writing beside it. */
    static StagedOutput begin(Configuration conf, String out, boolean overwrite) throws IOException {
        Path given = new Path(out);
        FileSystem fs = given.getFileSystem(conf);
        Path target = fs.makeQualified(given);
        if (target.getParent() == null) {
            throw new IOException("option --out: " + out + " is the root of a file system: give a folder for the scores.");
        }
        if (!fs.exists(target)) {
            putBackEarlierOutput(fs, target, out);
        }
        if (fs.exists(target)) {
            refuseUnlessOwnOutput(fs, target, out, overwrite);
        }
        Path parent = target.getParent();
        fs.mkdirs(parent);
        for (FileStatus s : siblings(fs, target, PARTIAL)) {
            fs.delete(s.getPath(), true);
        }
        Path staging = sibling(target, PARTIAL);
        if (!fs.mkdirs(staging)) {
            throw new IOException("option --out: cannot create " + staging + ": choose a writable --out.");
        }
        return new StagedOutput(fs, target, staging, out, overwrite);
    }

    /** A new hidden folder beside the target: {@code .NAME} + {@code kind} + a random id. */
    private static Path sibling(Path target, String kind) {
        return new Path(target.getParent(), "." + target.getName() + kind + UUID.randomUUID());
    }

    private static FileStatus[] siblings(FileSystem fs, Path target, String kind) throws IOException {
        FileStatus[] found = fs.globStatus(new Path(target.getParent(), "." + target.getName() + kind + "*"));
        return found == null ? new FileStatus[0] : found;
    }

    /** Moves back the earlier output that a commit moved aside and did not replace (the job died in between). */
    private static void putBackEarlierOutput(FileSystem fs, Path target, String out) throws IOException {
        FileStatus[] previous = siblings(fs, target, PREVIOUS);
        if (previous.length > 1) {
            throw new IOException("option --out: " + out + " is missing and " + previous.length + " earlier outputs of "
                    + ScoreArchiveJob.NAME + " were left beside it (." + target.getName() + PREVIOUS
                    + "*): rename the one to keep to " + out + ", or choose another --out.");
        }
        if (previous.length == 1) {
            if (!fs.rename(previous[0].getPath(), target)) {
                throw new IOException("option --out: could not move the earlier output " + previous[0].getPath()
                        + " back to " + out + ": check the permissions of " + target.getParent() + ".");
            }
            LoggerFactory.getLogger(StagedOutput.class).warn("{}: moved the earlier output {} back to {}, where a job "
                    + "stopped while replacing it.", ScoreArchiveJob.NAME, previous[0].getPath(), out);
        }
    }

    private static void refuseUnlessOwnOutput(FileSystem fs, Path target, String out, boolean overwrite) throws IOException {
        if (!overwrite) {
            throw new IOException("option --out: " + out + " exists: give --overwrite to replace an earlier output of "
                    + ScoreArchiveJob.NAME + " there, or choose another --out.");
        }
        if (!fs.getFileStatus(target).isDirectory()) {
            throw new IOException("option --out: " + out + " is a file, not an output folder of " + ScoreArchiveJob.NAME
                    + ": refusing to replace it, even with --overwrite; choose another --out.");
        }
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(target)) {
            names.add(s.getPath().getName());
        }
        if (names.isEmpty()) {
            return;
        }
        if (!names.contains(ScoreArchiveJob.SUMMARY) || !isOwnSummary(fs, new Path(target, ScoreArchiveJob.SUMMARY))) {
            throw new IOException("option --out: " + out + " is not an output folder of " + ScoreArchiveJob.NAME
                    + " (it has no summary.json of it): refusing to replace it, even with --overwrite; choose another --out.");
        }
        List<String> foreign = names.stream().filter(n -> !isOwn(n)).sorted().toList();
        if (!foreign.isEmpty()) {
            throw new IOException("option --out: " + out + " holds files that " + ScoreArchiveJob.NAME + " did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", …" : "") + "): refusing to delete them with --overwrite; move them away or "
                    + "choose another --out.");
        }
    }

    /** One of the job's files, or the checksum Hadoop's local file system keeps beside it ({@code .NAME.crc}). */
    static boolean isOwn(String name) {
        return OWN.contains(name) || name.startsWith(".") && name.endsWith(".crc")
                && OWN.contains(name.substring(1, name.length() - 4));
    }

    private static boolean isOwnSummary(FileSystem fs, Path summary) {
        try (InputStream in = fs.open(summary)) {
            JsonNode json = new ObjectMapper().readTree(in);
            return ScoreArchiveJob.NAME.equals(json.path("job").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** A path inside the staging folder. */
    Path path(String name) {
        return new Path(staging, name);
    }

    FileSystem fs() {
        return fs;
    }

    /** Where the output appears. */
    Path target() {
        return target;
    }

    /**
     * Checks the target again and moves the staging folder into place, replacing an earlier output
     * only now; an error leaves the staging folder where it is and says so.
     */
    void commit() throws IOException {
        commitTried = true;
        String scores = "the scores are in " + staging;
        Path previous = null;
        if (fs.exists(target)) {
            try {
                refuseUnlessOwnOutput(fs, target, out, overwrite);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " (--out changed while this job ran; " + scores + ".)", e);
            }
            previous = sibling(target, PREVIOUS);
            move(target, previous, scores);
        }
        try {
            move(staging, target, scores);
        } catch (IOException e) {
            if (previous != null) {
                move(previous, target, scores + ", the earlier output in " + previous);
            }
            throw e;
        }
        if (previous != null) {
            fs.delete(previous, true);
        }
    }

    private void move(Path from, Path to, String where) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to + ": check the permissions of " + to.getParent()
                    + "; " + where + ".");
        }
    }

    /** Removes the staging folder of a job that did not try to commit. */
    @Override
    public void close() throws IOException {
        if (!commitTried) {
            fs.delete(staging, true);
        }
    }
}
