package org.msde4j.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small dataset trees and archives built by the data tests. */
final class FixtureTrees {

    private FixtureTrees() {
    }

    /** The bytes of an 8 × 8 grey PNG whose pixels depend on {@code seed}. */
    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            image.getRaster().setSample(i % 8, i / 8, 0, (seed * 31 + i * 7) & 0xff);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a PNG at {@code file}, creating folders. */
    static Path writePng(Path file, int seed) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, png(seed));
    }

    /** A MedIAnomaly tree as file name → bytes: images/ + data.json with the given counts. */
    static Map<String, byte[]> medIAnomaly(int train, int testNormal, int testAbnormal) {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < train + testNormal + testAbnormal; i++) {
            String name = String.format("img%04d.png", i);
            names.add('"' + name + '"');
            files.put("images/" + name, png(i));
        }
        String json = "{\"train\": {\"0\": [" + String.join(", ", names.subList(0, train)) + "]},\n"
                + " \"test\": {\"0\": [" + String.join(", ", names.subList(train, train + testNormal)) + "],\n"
                + "          \"1\": [" + String.join(", ", names.subList(train + testNormal, names.size())) + "]}}\n";
        files.put("data.json", json.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Writes name → bytes under {@code root}. */
    static Path write(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return root;
    }

    /** A .tar.gz holding name → bytes. */
    static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A .zip holding name → bytes. */
    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Prefixes every name with {@code folder/}. */
    static Map<String, byte[]> under(String folder, Map<String, byte[]> files) {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        files.forEach((name, content) -> out.put(folder + "/" + name, content));
        return out;
    }
}
