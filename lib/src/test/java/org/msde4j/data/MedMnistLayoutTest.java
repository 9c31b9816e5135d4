package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;
import org.msde4j.io.Npy;
import org.msde4j.testing.Fixtures;

class MedMnistLayoutTest {

    /** An uncompressed uint8 .npy (format 1.0) of the given shape. */
    private static byte[] uint8(byte[] data, long... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(", ");
        }
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int pad = (64 - (10 + header.length() + 1) % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(content);
        zip.closeEntry();
    }

    /** A tiny MedMNIST-style archive: 2×2 grey images whose first pixel is the image index. */
    private static Path archive(Path dir, byte[] trainLabels, byte[] testLabels, int labelColumns) throws IOException {
        Path npz = dir.resolve("tiny.npz");
        try (OutputStream file = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String split : List.of("train", "test")) {
                byte[] labels = split.equals("train") ? trainLabels : testLabels;
                int n = labels.length / labelColumns;
                byte[] images = new byte[n * 4];
                for (int i = 0; i < n; i++) {
                    images[4 * i] = (byte) (200 + i);
                    images[4 * i + 3] = (byte) i;
                }
                entry(zip, split + "_images", uint8(images, n, 2, 2));
                entry(zip, split + "_labels", uint8(labels, n, labelColumns));
            }
        }
        return npz;
    }

    @Test
    void oneClassProtocolOnAnArchive(@TempDir Path dir) throws IOException {
        Path npz = archive(dir, new byte[] {0, 1, 0, 2}, new byte[] {1, 0, 2}, 1);
        Dataset data = MedMnistLayout.read(npz);
        assertEquals("tiny", data.name());
        assertEquals(new SplitCounts(2, 0, 1, 2), data.counts());
        assertEquals(List.of(1, 0, 1), data.test().stream().map(Sample::label).toList());
        ImageRef.Array second = assertInstanceOf(ImageRef.Array.class, data.trainNormals().get(1).image());
        assertEquals(2, second.index(), "training normals keep their index in the archive");
        Pixels p = second.pixels().get();
        assertArrayEquals(new int[] {202, 0, 0, 2}, p.values());
        assertEquals(255, p.maxValue());

        Dataset other = new MedMnistLayout("tiny.npz", List.of(0, 2)).load(dir, "tiny");
        assertEquals(new SplitCounts(3, 0, 2, 1), other.counts(), "the manifest can name several normal classes");
    }

    @Test
    void multiLabelRowsAreNormalWithoutFindings(@TempDir Path dir) throws IOException {
        Path npz = archive(dir, new byte[] {0, 0, 1, 0, 0, 0}, new byte[] {0, 1, 0, 0}, 2);
        assertEquals(new SplitCounts(2, 0, 1, 1), MedMnistLayout.read(npz).counts());
    }

    @Test
    void notAnImageArrayIsRefused(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("bad.npz");
        try (OutputStream file = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, "train_images", uint8(new byte[4], 4));
            entry(zip, "train_labels", uint8(new byte[4], 4, 1));
        }
        IOException e = assertThrows(IOException.class, () -> MedMnistLayout.read(npz));
        assertTrue(e.getMessage().contains("train_images has shape [4]"), e.getMessage());
    }

    @Test
    void sharedPneumoniaMnistLoadsWithTheRightCountsAndLabels() throws IOException {
        Path npz = Fixtures.file("data/pneumoniamnist-balanced.npz");
        Dataset data = MedMnistLayout.read(npz);
        assertEquals(new SplitCounts(1214, 0, 234, 234), data.counts());
        Npy.Array labels = Npy.readNpz(npz, "test_labels");
        int[] expected = new int[468];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (int) labels.get(i);
        }
        assertArrayEquals(expected, Dataset.labels(data.test()), "test labels in archive order");
        Npy.Array images = Npy.readNpz(npz, "test_images");
        Pixels last = ((ImageRef.Array) data.test().get(467).image()).pixels().get();
        assertEquals(28, last.width());
        assertEquals(1, last.channels());
        for (int j = 0; j < 28 * 28; j++) {
            assertEquals((int) images.get(467L * 784 + j), last.values()[j]);
        }
    }
}
