package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.io.Downloader;
import org.msde4j.io.Sha256;
import org.msde4j.testing.FixtureServer;

/** Status, fetch (against a server on 127.0.0.1), verify, load and manual steps over small fixture manifests. */
class DataCatalogTest {

    @TempDir
    Path manifests;
    @TempDir
    Path root;
    @RegisterExtension
    final FixtureServer server = FixtureServer.started();
    private final List<String> log = new ArrayList<>();

    /** A MedIAnomaly-layout manifest "tiny" downloading {@code url} (6 train, 2 + 2 test). */
    private DataCatalog catalog(URI url, String format, String sha256, String root, int testAbnormal) throws IOException {
        String file = "{\"url\": \"" + url + "\", \"file\": \"tiny." + (format.equals("zip") ? "zip" : "tar.gz")
                + "\", \"format\": \"" + format + "\", \"verified\": true"
                + (sha256 == null ? "" : ", \"sha256\": \"" + sha256 + "\"") + "}";
        return write("tiny", "{\"name\": \"fixture\", \"kind\": \"download\", \"files\": [" + file + "], \"root\": \"" + root
                + "\", \"verified\": true}", "{\"type\": \"medianomaly\"}", 6, 2, testAbnormal);
    }

    private DataCatalog write(String id, String source, String layout, int train, int testNormal, int testAbnormal)
            throws IOException {
        Files.writeString(manifests.resolve(id + ".json"), "{\"id\": \"" + id + "\", \"title\": \"Tiny fixture\","
                + " \"modality\": \"test images\", \"normal\": \"even\", \"abnormal\": \"odd\", \"citations\": [\"none\"],"
                + " \"licence\": {\"name\": \"test\", \"verified\": true},"
                + " \"access\": {\"kind\": \"open\", \"conditions\": \"none\"}, \"sources\": [" + source + "],"
                + " \"layout\": " + layout + ", \"splits\": {\"protocol\": \"one-class\", \"counts\": {\"trainNormal\": " + train
                + ", \"testNormal\": " + testNormal + ", \"testAbnormal\": " + testAbnormal + "}, \"verified\": true},"
                + " \"preprocessing\": {}}");
        return DataCatalog.fromFolder(manifests, root);
    }

    private static byte[] bundle() throws IOException {
        return FixtureTrees.tarGz(FixtureTrees.under("TINY", FixtureTrees.medIAnomaly(6, 2, 2)));
    }

    /** Everything under the data root except the downloads folder: no staging leftovers allowed. */
    private List<String> rootListing() throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".downloads")).sorted().toList();
        }
    }

    @Test
    void fetchesVerifiesAndPutsInPlace() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", Sha256.of(archive), "TINY", 2);
        assertEquals(DatasetStatus.State.MISSING, catalog.status("tiny").state());
        Path folder = catalog.fetch("tiny", Downloader.Options.defaults(), log::add);
        assertEquals(root.resolve("tiny"), folder);
        assertEquals(DatasetStatus.State.COMPLETE, catalog.status("tiny").state());
        assertEquals(new SplitCounts(6, 0, 2, 2), catalog.load("tiny").counts());
        assertEquals(List.of("tiny"), rootListing());
        assertFalse(Files.exists(root.resolve(".downloads/tiny.tar.gz")), "the archive is deleted once installed");
        assertTrue(catalog.verify("tiny").ok(), catalog.verify("tiny").toString());
        int requests = server.requests();
        catalog.fetch("tiny", Downloader.Options.defaults(), log::add);
        assertEquals(requests, server.requests(), "a complete dataset is not fetched again");
    }

    @Test
    void zipArchivesUnpackSideBySide() throws IOException {
        byte[] archive = FixtureTrees.zip(FixtureTrees.medIAnomaly(6, 2, 2));
        DataCatalog catalog = catalog(server.serve("/tiny.zip", archive), "zip", null, ".", 2);
        catalog.fetch("tiny", Downloader.Options.defaults(), log::add);
        assertEquals(new SplitCounts(6, 0, 2, 2), catalog.load("tiny").counts());
        assertTrue(log.stream().anyMatch(l -> l.contains("no checksum known")), log.toString());
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", "ab".repeat(32), "TINY", 2);
        IOException e = assertThrows(IOException.class, () -> catalog.fetch("tiny", Downloader.Options.defaults(), log::add));
        assertTrue(e.getMessage().startsWith("dataset tiny: checksum mismatch") && e.getMessage().contains(Sha256.of(archive)),
                e.getMessage());
        assertEquals(List.of(), rootListing());
        assertEquals(DatasetStatus.State.MISSING, catalog.status("tiny").state());
    }

    @Test
    void archiveEntryEscapingTheTargetIsRefused() throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>(FixtureTrees.under("TINY", FixtureTrees.medIAnomaly(6, 2, 2)));
        files.put("../../escaped.png", FixtureTrees.png(1));
        byte[] archive = FixtureTrees.tarGz(files);
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", Sha256.of(archive), "TINY", 2);
        IOException e = assertThrows(IOException.class, () -> catalog.fetch("tiny", Downloader.Options.defaults(), log::add));
        assertTrue(e.getMessage().contains("\"../../escaped.png\", which would be written outside"), e.getMessage());
        assertEquals(List.of(), rootListing());
        assertFalse(Files.exists(root.getParent().resolve("escaped.png")));
    }

    @Test
    void interruptedDownloadResumes() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", Sha256.of(archive), "TINY", 2);
        server.cutNextTransferAfter("/tiny.tar.gz", archive.length / 2);
        IOException e = assertThrows(IOException.class,
                () -> catalog.fetch("tiny", Downloader.Options.defaults().withAttempts(1), log::add));
        assertTrue(e.getMessage().contains("the " + archive.length / 2 + " bytes received are kept in")
                && e.getMessage().contains("tiny.tar.gz.part"), e.getMessage());
        assertEquals(List.of(), rootListing(), "nothing half-visible");
        assertEquals(archive.length / 2, Files.size(root.resolve(".downloads/tiny.tar.gz.part")));
        catalog.fetch("tiny", Downloader.Options.defaults(), log::add);
        assertEquals(1, server.rangeRequests(), "the second try asked only for the missing bytes");
        assertEquals(DatasetStatus.State.COMPLETE, catalog.status("tiny").state());
    }

    @Test
    void countsThatDisagreeWithTheManifestStopTheInstall() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", null, "TINY", 3);
        IOException e = assertThrows(IOException.class, () -> catalog.fetch("tiny", Downloader.Options.defaults(), log::add));
        assertTrue(e.getMessage().contains("failed verification") && e.getMessage().contains("test abnormal: expected 3, found 2"),
                e.getMessage());
        assertEquals(List.of(), rootListing());
    }

    @Test
    void statusLoadAndVerifySeeMissingUnreadableAndMiscountedFiles() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", null, "TINY", 2);
        IOException missing = assertThrows(IOException.class, () -> catalog.load("tiny"));
        assertTrue(missing.getMessage().contains("is not in " + root.resolve("tiny") + ": fetch it"), missing.getMessage());
        catalog.fetch("tiny", Downloader.Options.defaults(), log::add);

        Files.write(root.resolve("tiny/images/img0003.png"), new byte[] {1, 2, 3});
        Verification broken = catalog.verify("tiny");
        assertFalse(broken.ok());
        assertEquals(9, broken.decoded());
        assertTrue(broken.problems().get(0).startsWith("1 image(s) do not decode: " + root.resolve("tiny/images/img0003.png")),
                broken.toString());

        Files.delete(root.resolve("tiny/images/img0003.png"));
        DatasetStatus partial = catalog.status("tiny");
        assertEquals(DatasetStatus.State.PARTIAL, partial.state());
        assertTrue(partial.detail().contains("1 of 10 images listed"), partial.detail());

        DataCatalog stricter = catalog(server.uri("/tiny.tar.gz"), "tar.gz", null, "TINY", 5);
        FixtureTrees.writePng(root.resolve("tiny/images/img0003.png"), 3);
        IOException counts = assertThrows(IOException.class, () -> stricter.load("tiny"));
        assertTrue(counts.getMessage().contains("test abnormal: expected 5, found 2"), counts.getMessage());
        assertEquals(DatasetStatus.State.PARTIAL, stricter.status("tiny").state());
    }

    @Test
    void gatedSourcesPrintTheManualSteps() throws IOException {
        DataCatalog catalog = write("gated", "{\"name\": \"Hospital archive\", \"kind\": \"manual\", \"homepage\": "
                + "\"https://example.org/data\", \"steps\": [\"Sign the data use agreement.\", \"Download scans.zip.\"],"
                + " \"verified\": false}", "{\"type\": \"csv\"}", 10, 5, 5);
        IOException e = assertThrows(IOException.class, () -> catalog.fetch("gated", Downloader.Options.defaults(), log::add));
        String steps = catalog.instructions("gated");
        assertTrue(e.getMessage().contains(steps), e.getMessage());
        assertTrue(steps.contains("1. Sign the data use agreement.\n  2. Download scans.zip.\n"), steps);
        assertTrue(steps.contains("Put the files in " + root.resolve("gated") + " so that it holds list.csv with the columns"), steps);
        assertTrue(steps.contains("Expected: train 10 normal, test 5 normal + 5 abnormal."), steps);
        assertEquals(0, server.requests());
    }

    @Test
    void offlineModeNeverTouchesTheNetwork() throws IOException {
        byte[] archive = bundle();
        DataCatalog catalog = catalog(server.serve("/tiny.tar.gz", archive), "tar.gz", null, "TINY", 2);
        IOException e = assertThrows(IOException.class,
                () -> catalog.fetch("tiny", Downloader.Options.defaults().withOffline(true), log::add));
        assertTrue(e.getMessage().contains("offline mode"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void generatedSourceNeedsNoNetwork() throws IOException {
        DataCatalog catalog = write("synthetic", "{\"name\": \"generator\", \"kind\": \"generated\", \"generator\": "
                + "{\"size\": 32, \"difficulty\": \"EASY\", \"seed\": 5}, \"verified\": true}", "{\"type\": \"medianomaly\"}", 6, 3, 2);
        catalog.fetch("synthetic", Downloader.Options.defaults().withOffline(true), log::add);
        Dataset data = catalog.load("synthetic");
        assertEquals(new SplitCounts(6, 0, 3, 2), data.counts());
        assertTrue(catalog.verify("synthetic").ok());
        assertArrayEquals(new String[] {"synthetic"}, rootListing().toArray());
    }
}
