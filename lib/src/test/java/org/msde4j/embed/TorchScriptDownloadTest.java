package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.io.Downloader;
import org.msde4j.io.Sha256;
import org.msde4j.testing.FixtureServer;

/** A TorchScript backbone fetched from a URL, against a server on 127.0.0.1. */
class TorchScriptDownloadTest {

    private static final Preprocessing INPUT = Preprocessing.unnormalised(8, 3);

    @RegisterExtension
    final FixtureServer server = FixtureServer.started();
    private byte[] model;
    private String sha;

    @BeforeEach
    void start() throws IOException {
        model = Files.readAllBytes(TinyModel.file());
        sha = Sha256.of(model);
    }

    @Test
    void downloadsOnceIntoTheCacheAndEmbeds(@TempDir Path cache) throws IOException {
        URI url = server.serve("/models/tiny.pt", model);
        try (Backbone b = TorchScriptBackbone.fetch(url, sha, cache, INPUT, Downloader.Options.defaults())) {
            assertArrayEquals(TinyModel.PROBE_OUTPUT, b.embed(TinyModel.probe(), 1)[0], 1e-6f);
        }
        Path cached = TorchScriptBackbone.cachedPath(url, cache);
        assertArrayEquals(model, Files.readAllBytes(cached));
        int requests = server.requests();
        try (Backbone again = TorchScriptBackbone.fetch(url, sha, cache, INPUT, Downloader.Options.defaults())) {
            assertEquals(Backbone.identityOf("torchscript", sha, INPUT), again.identity());
        }
        assertEquals(requests, server.requests(), "the cached, verified model is not fetched again");
    }

    @Test
    void checksumMismatchCachesNothing(@TempDir Path cache) {
        URI url = server.serve("/models/tiny.pt", model);
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class,
                () -> TorchScriptBackbone.fetch(url, wrong, cache, INPUT, Downloader.Options.defaults()));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(url.toString()), e.getMessage());
        Path cached = TorchScriptBackbone.cachedPath(url, cache);
        assertFalse(Files.exists(cached));
        assertFalse(Files.exists(cached.resolveSibling(cached.getFileName() + ".part")));
    }

    @Test
    void anInterruptedTransferResumes(@TempDir Path cache) throws IOException {
        URI url = server.serve("/models/tiny.pt", model);
        server.cutNextTransferAfter("/models/tiny.pt", model.length / 3);
        try (Backbone b = TorchScriptBackbone.fetch(url, sha, cache, INPUT, Downloader.Options.defaults())) {
            assertArrayEquals(TinyModel.PROBE_OUTPUT, b.embed(TinyModel.probe(), 1)[0], 1e-6f);
        }
        assertEquals(2, server.requests());
        assertEquals(1, server.rangeRequests(), "the second request asks only for the missing bytes");
    }

    @Test
    void offlineNeverTouchesTheNetwork(@TempDir Path cache) throws IOException {
        URI url = server.serve("/models/tiny.pt", model);
        Downloader.Options offline = Downloader.Options.defaults().withOffline(true);
        IOException e = assertThrows(IOException.class, () -> TorchScriptBackbone.fetch(url, sha, cache, INPUT, offline));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertEquals(0, server.requests());
        Files.createDirectories(cache);
        Files.write(TorchScriptBackbone.cachedPath(url, cache), model);
        try (Backbone b = TorchScriptBackbone.fetch(url, sha, cache, INPUT, offline)) {
            assertEquals(7, b.embed(TinyModel.probe(), 1)[0].length);
        }
        assertEquals(0, server.requests(), "a model copied into the cache is used offline");
    }
}
