package org.msde4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    @Test
    void eightBitGreyPngKeepsItsSamples() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setPixels(0, 0, 3, 2, new int[] {0, 1, 127, 128, 254, 255});
        Pixels p = ImageDecoder.decode(write(img, "png", "grey8.png"));
        assertEquals(1, p.channels());
        assertEquals(255, p.maxValue());
        assertArrayEquals(new int[] {0, 1, 127, 128, 254, 255}, p.values());
    }

    @Test
    void sixteenBitGreyPngKeepsItsDepth() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setPixels(0, 0, 2, 2, new int[] {0, 257, 40000, 65535});
        Pixels p = ImageDecoder.decode(write(img, "png", "grey16.png"));
        assertEquals(1, p.channels());
        assertEquals(65535, p.maxValue());
        assertArrayEquals(new int[] {0, 257, 40000, 65535}, p.values());
    }

    @Test
    void sixteenBitGreyTiffKeepsItsDepth() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setPixels(0, 0, 2, 1, new int[] {1234, 65000});
        Pixels p = ImageDecoder.decode(write(img, "tiff", "grey16.tif"));
        assertEquals(65535, p.maxValue());
        assertArrayEquals(new int[] {1234, 65000}, p.values());
    }

    @Test
    void rgbaPngIsCompositedOntoBlack() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, argb(255, 200, 100, 50));
        img.setRGB(1, 0, argb(128, 200, 100, 50));
        img.setRGB(2, 0, argb(0, 200, 100, 50));
        Pixels p = ImageDecoder.decode(write(img, "png", "rgba.png"));
        assertEquals(3, p.channels());
        // round(v · a / 255): 200·128/255 = 100.39 → 100, 100·128/255 = 50.2 → 50, 50·128/255 = 25.1 → 25
        assertArrayEquals(new int[] {200, 100, 50, 100, 50, 25, 0, 0, 0}, p.values());
    }

    @Test
    void greyPaletteGivesOneChannelAndColourPaletteThree() throws IOException {
        byte[] levels = {0, 85, (byte) 170, (byte) 255};
        IndexColorModel grey = new IndexColorModel(2, 4, levels, levels, levels);
        BufferedImage g = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, grey);
        g.getRaster().setPixels(0, 0, 4, 1, new int[] {3, 2, 1, 0});
        Pixels pg = ImageDecoder.decode(write(g, "png", "palette-grey.png"));
        assertEquals(1, pg.channels());
        assertArrayEquals(new int[] {255, 170, 85, 0}, pg.values());

        byte[] r = {(byte) 255, 0};
        byte[] gr = {0, (byte) 255};
        byte[] b = {0, 0};
        BufferedImage c = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, gr, b));
        c.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});
        Pixels pc = ImageDecoder.decode(write(c, "png", "palette-colour.png"));
        assertEquals(3, pc.channels());
        assertArrayEquals(new int[] {255, 0, 0, 0, 255, 0}, pc.values());
    }

    @Test
    void jpegGreyAndColourDecodeToTheirChannels() throws IOException {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        int[] level = new int[256];
        Arrays.fill(level, 90);
        grey.getRaster().setPixels(0, 0, 16, 16, level);
        Pixels pg = ImageDecoder.decode(write(grey, "jpeg", "grey.jpg"));
        assertEquals(1, pg.channels());
        assertTrue(Arrays.stream(pg.values()).allMatch(v -> Math.abs(v - 90) <= 2), Arrays.toString(pg.values()));

        BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                rgb.setRGB(x, y, argb(255, 30, 160, 220));
            }
        }
        Pixels pc = ImageDecoder.decode(write(rgb, "jpeg", "rgb.jpg"));
        assertEquals(3, pc.channels());
        assertEquals(30, pc.get(8, 8, 0), 4);
        assertEquals(160, pc.get(8, 8, 1), 4);
        assertEquals(220, pc.get(8, 8, 2), 4);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException, URISyntaxException {
        // Written by scripts/dev/make-test-images.py: left half red ink (M = Y = 255), right half black ink.
        Path cmyk = Paths.get(ImageDecoderTest.class.getResource("cmyk.jpg").toURI());
        Pixels p = ImageDecoder.decode(cmyk);
        assertEquals(3, p.channels());
        assertEquals(16, p.width());
        assertTrue(p.get(3, 8, 0) > 180 && p.get(3, 8, 1) < 80 && p.get(3, 8, 2) < 80,
                "red ink decodes as red: " + p.get(3, 8, 0) + "," + p.get(3, 8, 1) + "," + p.get(3, 8, 2));
        assertTrue(p.get(12, 8, 0) < 80 && p.get(12, 8, 1) < 80 && p.get(12, 8, 2) < 80,
                "black ink decodes as dark: " + p.get(12, 8, 0) + "," + p.get(12, 8, 1) + "," + p.get(12, 8, 2));
    }

    @Test
    void floatingPointTiffIsRefusedAsAnUnsupportedBitDepth() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 4);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        Path file = write(img, "tiff", "float32.tif");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(file));
        assertEquals(file.toString(), e.image());
        assertTrue(e.getMessage().contains("32-bit floating-point") && e.getMessage().contains("8- or 16-bit"),
                e.getMessage());
    }

    @Test
    void zeroByteFileIsNamed() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void nonImageFileIsNamed() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "patient list, not an image\n");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(notes));
        assertTrue(e.getMessage().contains(notes.toString()) && e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void truncatedPngAndJpegAreErrorsNotPartialImages() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        int[] noise = new java.util.Random(3).ints(64 * 64, 0, 256).toArray();
        img.getRaster().setPixels(0, 0, 64, 64, noise);
        for (String format : new String[] {"png", "jpeg"}) {
            Path whole = write(img, format, "whole." + format);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(dir.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length / 2));
            ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(cut), format);
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        }
    }

    @Test
    void missingFilesAndFoldersAreNamed() throws IOException {
        Path missing = dir.resolve("gone.png");
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(missing))
                .getMessage().contains("does not exist"));
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(folder))
                .getMessage().contains("not a regular file"));
    }

    @Test
    void arrayEntriesComeFromTheirSupplierAndFailuresNameTheEntry() throws IOException {
        Pixels p = new Pixels(1, 1, 1, 255, new int[] {7});
        assertEquals(p, ImageDecoder.read(new ImageRef.Array("set.npz", 3, () -> p)));
        ImageRef.Array broken = new ImageRef.Array("set.npz", 4, () -> {
            throw new IllegalStateException("index out of range");
        });
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.read(broken));
        assertTrue(e.getMessage().contains("set.npz[4]") && e.getMessage().contains("index out of range"), e.getMessage());
    }

    @Test
    void encodedBytesDecodeLikeTheFileAndBadBytesAreNamed() throws IOException {
        BufferedImage grey16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setPixels(0, 0, 2, 1, new int[] {1234, 65000});
        BufferedImage rgb = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 16 * 8; i++) {
            rgb.setRGB(i % 16, i / 16, argb(255, 16 * (i % 16), 255 - 2 * i, 7 * i % 256));
        }
        for (Path file : new Path[] {write(grey16, "tiff", "b16.tif"), write(rgb, "png", "b.png"), write(rgb, "jpeg", "b.jpg")}) {
            Pixels fromFile = ImageDecoder.decode(file);
            Pixels fromBytes = ImageDecoder.decode(Files.readAllBytes(file), "hdfs://archive/" + file.getFileName());
            assertEquals(List.of(fromFile.width(), fromFile.height(), fromFile.channels(), fromFile.maxValue()),
                    List.of(fromBytes.width(), fromBytes.height(), fromBytes.channels(), fromBytes.maxValue()), file.toString());
            assertArrayEquals(fromFile.values(), fromBytes.values(), file.toString());
        }
        byte[] png = Files.readAllBytes(dir.resolve("b.png"));
        for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(png, png.length / 2), "not an image".getBytes()}) {
            ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(bad, "scan-7.png"));
            assertEquals("scan-7.png", e.image(), e.getMessage());
        }
    }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IllegalStateException("no " + format + " writer for " + name);
        }
        return file;
    }

    private static int argb(int a, int r, int g, int b) {
        return a << 24 | r << 16 | g << 8 | b;
    }
}
