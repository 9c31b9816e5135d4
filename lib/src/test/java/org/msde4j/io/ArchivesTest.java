package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    /** A .tar.gz with the given entries; a name ending in "@link" becomes a symbolic link to "/etc/passwd". */
    private static byte[] tarGz(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (String name : names) {
                if (name.endsWith("@link")) {
                    TarArchiveEntry link = new TarArchiveEntry(name.replace("@link", ""), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("/etc/passwd");
                    tar.putArchiveEntry(link);
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(name, true);
                    entry.setSize(HELLO.length);
                    tar.putArchiveEntry(entry);
                    tar.write(HELLO);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (String name : names) {
                zip.putArchiveEntry(new ZipArchiveEntry(name));
                zip.write(HELLO);
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void extractsTarGzAndZipRecognisedByContent(@TempDir Path dir) throws IOException {
        Path tar = Files.write(dir.resolve("data.bin"), tarGz("DS/images/a.png", "DS/data.json"));
        assertEquals(Archives.Format.TAR_GZ, Archives.detect(tar));
        assertEquals(2, Archives.extract(tar, dir.resolve("out")));
        assertArrayEquals(HELLO, Files.readAllBytes(dir.resolve("out/DS/images/a.png")));

        Path zip = Files.write(dir.resolve("data.zip"), zip("Input/x.jpg", "Input/y.jpg", "Input/z.jpg"));
        assertEquals(Archives.Format.ZIP, Archives.detect(zip));
        assertEquals(3, Archives.extract(zip, dir.resolve("out")));
        assertArrayEquals(HELLO, Files.readAllBytes(dir.resolve("out/Input/z.jpg")));
    }

    @Test
    void entriesEscapingTheTargetAreRefused(@TempDir Path dir) throws IOException {
        for (byte[] archive : new byte[][] {tarGz("ok.txt", "../evil.txt"), zip("sub/../../evil.txt"), tarGz("/abs/evil.txt")}) {
            Path file = Files.write(dir.resolve("bad.archive"), archive);
            IOException e = assertThrows(IOException.class, () -> Archives.extract(file, dir.resolve("out")));
            assertTrue(e.getMessage().contains("would be written outside") && e.getMessage().contains("evil.txt"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("evil.txt")));
        }
        assertFalse(Files.exists(Path.of("/abs/evil.txt")));
    }

    @Test
    void linksAreRefused(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("link.tar.gz"), tarGz("innocent@link"));
        IOException e = assertThrows(IOException.class, () -> Archives.extract(file, dir.resolve("out")));
        assertTrue(e.getMessage().contains("link entry \"innocent\""), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/innocent")));
    }

    @Test
    void corruptOrForeignFilesSayWhatToDo(@TempDir Path dir) throws IOException {
        byte[] whole = tarGz("a.txt", "b.txt");
        Path truncated = Files.write(dir.resolve("t.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        IOException cut = assertThrows(IOException.class, () -> Archives.extract(truncated, dir.resolve("out")));
        assertTrue(cut.getMessage().contains("is corrupt or truncated") && cut.getMessage().contains("download it again"),
                cut.getMessage());

        byte[] zipped = zip("a.txt");
        zipped[zipped.length / 3] ^= 0x55;
        zipped[zipped.length / 3 + 1] ^= 0x55;
        Path damaged = Files.write(dir.resolve("d.zip"), zipped);
        IOException bad = assertThrows(IOException.class, () -> Archives.extract(damaged, dir.resolve("out2")));
        assertTrue(bad.getMessage().contains("corrupt or truncated"), bad.getMessage());

        Path html = Files.writeString(dir.resolve("page.tar.gz"), "<html>not found</html>");
        IOException foreign = assertThrows(IOException.class, () -> Archives.extract(html, dir.resolve("out3")));
        assertTrue(foreign.getMessage().contains("is neither a .tar.gz nor a .zip (it starts with 3c68746d)"), foreign.getMessage());
    }
}
