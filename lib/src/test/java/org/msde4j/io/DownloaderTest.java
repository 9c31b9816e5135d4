package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.testing.FixtureServer;

class DownloaderTest {

    @RegisterExtension
    final FixtureServer server = FixtureServer.started();
    private byte[] content;
    private String sha;

    @BeforeEach
    void start() {
        content = new byte[300_000];
        new Random(1).nextBytes(content);
        sha = Sha256.of(content);
    }

    @Test
    void downloadsVerifiesAndCaches(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("cache/weights.pt");
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target));
        int before = server.requests();
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertEquals(before, server.requests(), "a verified cached file is not fetched again");
    }

    @Test
    void checksumMismatchCachesNothing(@TempDir Path dir) {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("weights.pt");
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class,
                () -> Downloader.fetch(url, target, wrong, Downloader.Options.defaults()));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(sha), e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("weights.pt.part")));
    }

    @Test
    void interruptedTransferResumesWithARangeRequest(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        server.cutNextTransferAfter("/weights.pt", 100_000);
        Path target = dir.resolve("weights.pt");
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(1, server.rangeRequests(), "the second attempt asked only for the missing bytes");
    }

    @Test
    void serverWithoutRangesStartsOver(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        server.honourRanges(false);
        server.cutNextTransferAfter("/weights.pt", 50_000);
        Path target = dir.resolve("weights.pt");
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void giveUpKeepsThePartialFileForTheNextTry(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        server.cutNextTransferAfter("/weights.pt", 120_000);
        Path target = dir.resolve("weights.pt");
        IOException e = assertThrows(IOException.class,
                () -> Downloader.fetch(url, target, sha, Downloader.Options.defaults().withAttempts(1)));
        assertTrue(e.getMessage().contains("failed after 1 attempts (IOException: connection closed after 120000 of")
                && e.getMessage().contains("the 120000 bytes received are kept in " + dir.resolve("weights.pt.part")),
                e.getMessage());
        assertFalse(Files.exists(target), "nothing half-visible under the final name");
        assertEquals(120_000, Files.size(dir.resolve("weights.pt.part")));
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void aTemporaryHttpErrorKeepsThePartialFileAndTheNextCallResumes(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("weights.pt");
        Path part = Files.write(dir.resolve("weights.pt.part"), Arrays.copyOf(content, 100_000));
        server.failNextRequest("/weights.pt", 503);
        IOException e = assertThrows(IOException.class, () -> Downloader.fetch(url, target, sha, Downloader.Options.defaults()));
        assertTrue(e.getMessage().contains("HTTP 503: a temporary server error, try again later; the 100000 bytes received "
                + "are kept in " + part), e.getMessage());
        assertEquals(100_000, Files.size(part));
        Downloader.fetch(url, target, sha, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(List.of("bytes=100000-", "bytes=100000-"), server.ranges(), "the call after the 503 resumed");
    }

    @Test
    void aRangeReplyFromTheWrongOffsetIsNotStitchedOn(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("weights.pt");
        Files.write(dir.resolve("weights.pt.part"), Arrays.copyOf(content, 100_000));
        server.answerNextRangeFrom("/weights.pt", 0);
        Downloader.fetch(url, target, null, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target), "the partial was discarded and the file fetched from byte 0");
        assertEquals(List.of("bytes=100000-"), server.ranges());
    }

    @Test
    void http416IsCompleteOnlyWhenThePartialHasTheReportedSize(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("weights.pt");
        byte[] longer = Arrays.copyOf(content, content.length + 50_000);
        Files.write(dir.resolve("weights.pt.part"), longer);
        Downloader.fetch(url, target, null, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(target), "a stale longer partial is not taken as the file");

        Path again = dir.resolve("again.pt");
        Files.write(dir.resolve("again.pt.part"), content);
        Downloader.fetch(url, again, null, Downloader.Options.defaults());
        assertArrayEquals(content, Files.readAllBytes(again));
        assertEquals(List.of("bytes=350000-", "bytes=300000-"), server.ranges(), "a complete partial is not fetched again");
    }

    @Test
    void anUnreachableServerIsNamedWithTheCauseAndNoPartialFileIsPromised(@TempDir Path dir) throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/weights.pt");
        IOException e = assertThrows(IOException.class, () -> Downloader.fetch(url, dir.resolve("weights.pt"), sha,
                Downloader.Options.defaults().withAttempts(2)));
        assertTrue(e.getMessage().contains("failed after 2 attempts (ConnectException: Connection refused")
                && e.getMessage().contains("check the address and the network connection"), e.getMessage());
        assertFalse(e.getMessage().contains(".part"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("weights.pt.part")));
    }

    @Test
    void offlineNeverTouchesTheNetwork(@TempDir Path dir) throws IOException {
        URI url = server.serve("/weights.pt", content);
        Path target = dir.resolve("weights.pt");
        IOException e = assertThrows(IOException.class,
                () -> Downloader.fetch(url, target, sha, Downloader.Options.defaults().withOffline(true)));
        assertTrue(e.getMessage().contains("offline mode") && e.getMessage().contains(target.toString())
                && e.getMessage().contains("run without --offline"), e.getMessage());
        assertEquals(0, server.requests());
        Files.write(target, content);
        assertEquals(target, Downloader.fetch(url, target, sha, Downloader.Options.defaults().withOffline(true)));
        assertEquals(0, server.requests());
    }

    @Test
    void httpErrorsAreNotRetried(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Downloader.fetch(server.uri("/missing.pt"),
                dir.resolve("m.pt"), null, Downloader.Options.defaults()));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(1, server.requests());
    }
}
