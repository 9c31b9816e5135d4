package org.msde4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StagedOutput} on the local file system, without Spark: a target that changes while a job
 * runs, a move into place that fails, and an earlier output left aside by a job that died.
 */
class StagedOutputTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** The local file system under the scheme {@code failing:}, where a staging folder cannot be moved. */
    public static final class FailingRename extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("failing:///");
        }

        @Override
        public String getScheme() {
            return "failing";
        }

        @Override
        public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
            return !src.getName().contains(".partial-") && super.rename(src, dst);
        }
    }

    /** Writes this job's summary.json, marked with {@code run}, into the staging folder. */
    private static void writeSummary(StagedOutput output, String run) throws IOException {
        try (OutputStream out = output.fs().create(output.path(ScoreArchiveJob.SUMMARY), false)) {
            out.write(summary(run).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String summary(String run) {
        return "{\"job\": \"" + ScoreArchiveJob.NAME + "\", \"run\": \"" + run + "\"}";
    }

    private void commitOutput(Path out, String run) throws IOException {
        try (StagedOutput output = StagedOutput.begin(conf, out.toString(), true)) {
            writeSummary(output, run);
            output.commit();
        }
    }

    /** The hidden folders beside {@code out} whose names hold {@code kind} (partial or previous). */
    private static List<Path> beside(Path out, String kind) throws IOException {
        try (Stream<Path> files = Files.list(out.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + "." + kind + "-"))
                    .toList();
        }
    }

    @Test
    void anOutputThatAnotherJobCommittedAfterBeginIsRefusedAtCommitAndKept() throws IOException {
        Path out = dir.resolve("out");
        StagedOutput first = StagedOutput.begin(conf, out.toString(), false);
        commitOutput(out, "second");
        writeSummary(first, "first");
        IOException e = assertThrows(IOException.class, first::commit);
        first.close();
        assertTrue(e.getMessage().contains("exists: give --overwrite") && e.getMessage().contains("changed while this job ran"),
                e.getMessage());
        assertEquals(summary("second"), Files.readString(out.resolve(ScoreArchiveJob.SUMMARY)));
        List<Path> staging = beside(out, "partial");
        assertEquals(1, staging.size(), "the refused job's scores are kept");
        assertTrue(e.getMessage().contains(staging.get(0).getFileName().toString()), e.getMessage());
        assertEquals(summary("first"), Files.readString(staging.get(0).resolve(ScoreArchiveJob.SUMMARY)));
    }

    @Test
    void aFileThatTheUserPutIntoTheTargetDuringTheJobIsKeptAndTheCommitRefused() throws IOException {
        Path out = dir.resolve("out");
        commitOutput(out, "earlier");
        try (StagedOutput output = StagedOutput.begin(conf, out.toString(), true)) {
            writeSummary(output, "new");
            Files.writeString(out.resolve("notes.txt"), "mine");
            IOException e = assertThrows(IOException.class, output::commit);
            assertTrue(e.getMessage().contains("did not write (notes.txt)"), e.getMessage());
        }
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(summary("earlier"), Files.readString(out.resolve(ScoreArchiveJob.SUMMARY)));
    }

    @Test
    void aFailedMoveIntoPlacePutsTheEarlierOutputBackAndKeepsTheScores() throws IOException {
        conf.setClass("fs.failing.impl", FailingRename.class, org.apache.hadoop.fs.FileSystem.class);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(ScoreArchiveJob.SUMMARY), summary("earlier"));
        IOException e;
        try (StagedOutput output = StagedOutput.begin(conf, "failing:" + out, true)) {
            writeSummary(output, "new");
            e = assertThrows(IOException.class, output::commit);
        }
        assertEquals(summary("earlier"), Files.readString(out.resolve(ScoreArchiveJob.SUMMARY)));
        assertEquals(List.of(), beside(out, "previous"));
        List<Path> staging = beside(out, "partial");
        assertEquals(1, staging.size(), "the scores are kept where the message says");
        assertTrue(e.getMessage().contains("the scores are in " + "failing:" + staging.get(0)), e.getMessage());
        assertEquals(summary("new"), Files.readString(staging.get(0).resolve(ScoreArchiveJob.SUMMARY)));
    }

    @Test
    void anEarlierOutputLeftAsideWithoutTargetIsPutBackByTheNextBegin() throws IOException {
        Path out = dir.resolve("out");
        Path previous = Files.createDirectories(dir.resolve(".out.previous-left-by-a-killed-job"));
        Files.writeString(previous.resolve(ScoreArchiveJob.SUMMARY), summary("earlier"));
        IOException e = assertThrows(IOException.class, () -> StagedOutput.begin(conf, out.toString(), false));
        assertTrue(e.getMessage().contains("exists: give --overwrite"), e.getMessage());
        assertEquals(summary("earlier"), Files.readString(out.resolve(ScoreArchiveJob.SUMMARY)));
        assertEquals(List.of(), beside(out, "previous"));
    }
}
