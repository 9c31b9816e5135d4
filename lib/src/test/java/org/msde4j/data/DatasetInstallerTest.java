package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.io.Downloader;
import org.msde4j.testing.FixtureServer;

/** What the installer does with a downloaded archive that does not unpack (served from 127.0.0.1). */
class DatasetInstallerTest {

    @TempDir
    Path root;
    @RegisterExtension
    final FixtureServer server = FixtureServer.started();

    /** Installs "tiny" (MedIAnomaly layout under TINY/, 6 train, 2 + 2 test) from {@code archive}, a .tar.gz. */
    private void install(byte[] archive) throws IOException {
        String json = "{\"id\": \"tiny\", \"title\": \"Tiny fixture\", \"modality\": \"test images\", \"normal\": \"even\","
                + " \"abnormal\": \"odd\", \"citations\": [\"none\"], \"licence\": {\"name\": \"test\", \"verified\": true},"
                + " \"access\": {\"kind\": \"open\", \"conditions\": \"none\"},"
                + " \"sources\": [{\"name\": \"fixture\", \"kind\": \"download\", \"files\": [{\"url\": \""
                + server.serve("/tiny.tar.gz", archive) + "\", \"file\": \"tiny.tar.gz\", \"format\": \"tar.gz\","
                + " \"verified\": true}], \"root\": \"TINY\", \"verified\": true}],"
                + " \"layout\": {\"type\": \"medianomaly\"}, \"splits\": {\"protocol\": \"one-class\", \"counts\":"
                + " {\"trainNormal\": 6, \"testNormal\": 2, \"testAbnormal\": 2}, \"verified\": true}, \"preprocessing\": {}}";
        Manifest manifest = Manifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tiny.json");
        DatasetInstaller.install(manifest, manifest.automaticSource().orElseThrow(), root, Downloader.Options.defaults(),
                line -> { });
    }

    private static Map<String, byte[]> tiny() {
        return new TreeMap<>(FixtureTrees.under("TINY", FixtureTrees.medIAnomaly(6, 2, 2)));
    }

    @Test
    void anArchiveWhoseFilesCannotBeWrittenIsKept() throws IOException {
        Map<String, byte[]> files = tiny();
        files.put("TINY/images", FixtureTrees.png(0)); // a file where the folder of the next entries must go
        byte[] archive = FixtureTrees.tarGz(files);
        IOException e = assertThrows(IOException.class, () -> install(archive));
        Path local = root.resolve(".downloads/tiny.tar.gz");
        assertTrue(e.getMessage().contains("unpacking " + local + " failed (FileAlreadyExistsException")
                && e.getMessage().contains("the archive was kept there: free disk space"), e.getMessage());
        assertArrayEquals(archive, Files.readAllBytes(local));
    }

    @Test
    void aCorruptArchiveIsDeleted() throws IOException {
        byte[] archive = FixtureTrees.tarGz(tiny());
        IOException e = assertThrows(IOException.class, () -> install(Arrays.copyOf(archive, archive.length * 2 / 3)));
        assertTrue(e.getMessage().contains("is corrupt or truncated") && e.getMessage().contains("downloads it anew"),
                e.getMessage());
        assertFalse(Files.exists(root.resolve(".downloads/tiny.tar.gz")));
    }
}
