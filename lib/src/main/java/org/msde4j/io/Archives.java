package org.msde4j.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks {@code .tar.gz} and {@code .zip} archives (format recognised from the first bytes, not
 * the name) into a folder, refusing anything that could write outside it: absolute names,
 * {@code ..} components, symbolic and hard links. Extract into a private staging folder and move
 * the result into place afterwards, so that nobody sees a half-unpacked tree (see
 * {@link AtomicFiles#moveIntoPlace}).
 */
public final class Archives {

    private Archives() {
    }

    /** The archive formats read here. */
    public enum Format {
        TAR_GZ, ZIP
    }

    /**
     * Unpacks {@code archive} into {@code target} (created if missing).
     *
     * @return the number of files written
     * @throws BadArchiveException for an unknown format, a corrupt or truncated archive, or an entry that
     *                             would land outside {@code target}; the message names the archive and the entry
     * @throws IOException         when the archive cannot be opened or the extracted files cannot be written
     *                             (a full disk, say): the archive itself may be fine
     */
    public static int extract(Path archive, Path target) throws IOException {
        Format format = detect(archive);
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             ArchiveInputStream<? extends ArchiveEntry> in = decode(archive, () -> open(format, raw))) {
            ArchiveEntry entry;
            while ((entry = decode(archive, in::getNextEntry)) != null) {
                Path out = destination(archive, root, entry);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream file = Files.newOutputStream(out)) {
                    int r;
                    while ((r = decode(archive, () -> in.read(buf))) >= 0) {
                        file.write(buf, 0, r);
                    }
                }
                files++;
            }
        }
        return files;
    }

    /** A step that reads the archive stream. */
    private interface Decoding<T> {
        T run() throws IOException;
    }

    /** Runs {@code step}; its errors mean that the archive's bytes are bad. */
    private static <T> T decode(Path archive, Decoding<T> step) throws BadArchiveException {
        try {
            return step.run();
        } catch (IOException e) {
            throw new BadArchiveException("archive " + archive + " is corrupt or truncated ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): delete it and download it again.", e);
        }
    }

    /** Recognises the format from the magic number: gzip {@code 1f 8b}, zip {@code PK\3\4} (or an empty zip). */
    public static Format detect(Path archive) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Format.TAR_GZ;
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return Format.ZIP;
        }
        throw new BadArchiveException("archive " + archive + " is neither a .tar.gz nor a .zip (it starts with "
                + HexFormat.of().formatHex(head, 0, n) + "): the download is not the expected file — "
                + "delete it and check the URL.");
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(Format format, InputStream raw) throws IOException {
        return switch (format) {
            case TAR_GZ -> new TarArchiveInputStream(new GzipCompressorInputStream(raw, true));
            case ZIP -> new ZipArchiveInputStream(raw, "UTF-8", true, true);
        };
    }

    /** Where an entry goes, or an error when it would escape {@code root} or is a link. */
    private static Path destination(Path archive, Path root, ArchiveEntry entry) throws IOException {
        String name = entry.getName();
        boolean link = entry instanceof TarArchiveEntry tar && (tar.isSymbolicLink() || tar.isLink())
                || entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink();
        if (link) {
            throw new BadArchiveException("archive " + archive + " holds the link entry \"" + name
                    + "\"; links are not extracted because they can point outside the target folder — "
                    + "use an archive of plain files.");
        }
        Path out = root.resolve(name).normalize();
        if (name.startsWith("/") || name.startsWith("\\") || !out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
            throw new BadArchiveException("archive " + archive + " holds the entry \"" + name + "\", which would be written outside "
                    + root + "; refusing to extract it — the archive is broken or malicious, do not use it.");
        }
        return out;
    }
}
