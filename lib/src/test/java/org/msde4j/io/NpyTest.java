package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msde4j.testing.Fixtures;

class NpyTest {

    @Test
    void float32AndFloat64RoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, new float[] {1.5f, -2f, 3.25f, 4f, 5f, 6f}, 2, 3);
        Npy.Array a = Npy.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1.5, -2, 3.25, 4, 5, 6}, a.toDoubles());
        assertEquals(0, (out.size() - 6 * 4) % 64, "header padded to 64 bytes as NumPy does");

        out.reset();
        Npy.writeFloat64(out, new double[] {Math.PI, Math.E}, 2);
        a = Npy.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertArrayEquals(new double[] {Math.PI, Math.E}, a.toDoubles());
        assertArrayEquals(new long[] {2}, a.shape());
    }

    @Test
    void fortranOrderIsReturnedInRowMajorOrder() throws IOException {
        // [[1, 2, 3], [4, 5, 6]] stored column by column as big-endian int16.
        String header = "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(ByteOrder.BIG_ENDIAN);
        for (short v : new short[] {1, 4, 2, 5, 3, 6}) {
            b.putShort(v);
        }
        Npy.Array a = Npy.read(new ByteArrayInputStream(b.array()), "mem");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toDoubles());
    }

    @Test
    void truncatedAndForeignInputAreReported() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, new float[100], 10, 10);
        byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 7);
        IOException e = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(cut), "cut.npy"));
        assertTrue(e.getMessage().contains("cut.npy is truncated"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> Npy.read(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy is not a NumPy .npy array"), e.getMessage());
    }

    @Test
    void readsTheSharedMedMnistArchive() throws IOException {
        Path npz = Fixtures.file("data/pneumoniamnist-balanced.npz");
        Map<String, Npy.Array> arrays = Npy.readNpz(npz);
        assertArrayEquals(new long[] {2428, 28, 28}, arrays.get("train_images").shape());
        assertEquals("|u1", arrays.get("train_images").dtype());
        double[] labels = arrays.get("test_labels").toDoubles();
        assertEquals(468, labels.length);
        assertEquals(234, Arrays.stream(labels).filter(v -> v == 1).count());
        IOException e = assertThrows(IOException.class, () -> Npy.readNpz(npz, "nope"));
        assertTrue(e.getMessage().contains("no array 'nope'") && e.getMessage().contains("train_images"), e.getMessage());
    }
}
