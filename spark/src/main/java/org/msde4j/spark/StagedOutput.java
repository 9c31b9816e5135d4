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

/**
 * The output folder of a job, on any Hadoop file system, that appears complete or not at all.
 *
 * <p>The job writes into a hidden staging folder beside the target ({@code .NAME.partial-ID}, which
 * Spark and Hadoop readers skip); {@link #commit()} renames it into place. A job that fails or is
 * killed leaves the target as it was; its staging folder is removed by the next job into the same
 * place. On HDFS and local disks a rename is atomic; on object stores (S3) it is a copy, so there a
 * reader should wait for {@code summary.json}, which is written last.
 *
 * <p>An existing target is refused unless {@code overwrite}, and even then only when it is an
 * earlier output of this job: a folder with this job's {@code summary.json} and no other files
 * than the job's own ({@link #OWN}), or an empty folder. Nothing else is ever deleted.
 */
final class StagedOutput implements AutoCloseable {

    /** The job's own files in its output folder. */
    static final Set<String> OWN = Set.of(ScoreArchiveJob.PARQUET, ScoreArchiveJob.CSV, ScoreArchiveJob.SUMMARY);

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedOutput(FileSystem fs, Path target, Path staging) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
    }

    /** Checks {@code out} and starts writing beside it. */
    static StagedOutput begin(Configuration conf, String out, boolean overwrite) throws IOException {
        Path given = new Path(out);
        FileSystem fs = given.getFileSystem(conf);
        Path target = fs.makeQualified(given);
        if (target.getParent() == null) {
            throw new IOException("option --out: " + out + " is the root of a file system: give a folder for the scores.");
        }
        if (fs.exists(target)) {
            refuseUnlessOwnOutput(fs, target, out, overwrite);
        }
        Path parent = target.getParent();
        fs.mkdirs(parent);
        FileStatus[] stale = fs.globStatus(new Path(parent, "." + target.getName() + ".{partial,previous}-*"));
        for (FileStatus s : stale == null ? new FileStatus[0] : stale) {
            fs.delete(s.getPath(), true);
        }
        Path staging = new Path(parent, "." + target.getName() + ".partial-" + UUID.randomUUID());
        if (!fs.mkdirs(staging)) {
            throw new IOException("option --out: cannot create " + staging + ": choose a writable --out.");
        }
        return new StagedOutput(fs, target, staging);
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

    /** Moves the staging folder into place, replacing an earlier output only now. */
    void commit() throws IOException {
        Path previous = null;
        if (fs.exists(target)) {
            previous = new Path(target.getParent(), "." + target.getName() + ".previous-" + UUID.randomUUID());
            rename(target, previous);
        }
        rename(staging, target);
        committed = true;
        if (previous != null) {
            fs.delete(previous, true);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to + ": check the permissions of " + to.getParent()
                    + "; the scores are in " + staging + ".");
        }
    }

    /** Removes the staging folder of a job that did not commit. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            fs.delete(staging, true);
        }
    }
}
