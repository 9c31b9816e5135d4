package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.ImageRef;

class CsvLayoutTest {

    @Test
    void resolvesRelativePathsAgainstTheCsvFolder(@TempDir Path dir) throws IOException {
        Path other = FixtureTrees.writePng(dir.resolve("elsewhere/x.png"), 3);
        FixtureTrees.writePng(dir.resolve("lists/scans/a.png"), 1);
        FixtureTrees.writePng(dir.resolve("lists/scans/b, c.png"), 2);
        Path csv = dir.resolve("lists/mine.csv");
        Files.writeString(csv, "label,path,split,comment\n0,scans/a.png,train,ok\n\n1,\"scans/b, c.png\",TEST,quoted\n0,"
                + other + ",test,absolute\n");
        Dataset data = CsvLayout.read(csv);
        assertEquals("mine", data.name());
        assertEquals(new SplitCounts(1, 0, 1, 1), data.counts());
        assertEquals(dir.resolve("lists/scans/b, c.png"),
                assertInstanceOf(ImageRef.File.class, data.samples().get(1).image()).path());
        assertEquals(other, assertInstanceOf(ImageRef.File.class, data.samples().get(2).image()).path());
    }

    @Test
    void anOptionalMaskColumnNamesGroundTruth(@TempDir Path dir) throws IOException {
        FixtureTrees.writePng(dir.resolve("a.png"), 1);
        FixtureTrees.writePng(dir.resolve("b.png"), 2);
        FixtureTrees.writePng(dir.resolve("c.png"), 3);
        FixtureTrees.writePng(dir.resolve("masks/b.png"), 4);
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "path,split,label,mask\na.png,train,0,\nb.png,test,1,masks/b.png\nc.png,test,1,\n");
        Dataset data = CsvLayout.read(csv);
        assertEquals(null, data.samples().get(0).mask());
        assertEquals(dir.resolve("masks/b.png"), assertInstanceOf(ImageRef.File.class, data.samples().get(1).mask()).path());
        assertEquals(null, data.samples().get(2).mask(), "an empty field: no mask for this image");

        Files.writeString(csv, "path,split,label,mask\nb.png,test,1,masks/gone.png\n");
        IOException missing = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertTrue(missing.getMessage().contains(dir.resolve("masks/gone.png").toString()), missing.getMessage());
    }

    @Test
    void badLabelSplitOrColumnNamesTheLine(@TempDir Path dir) throws IOException {
        FixtureTrees.writePng(dir.resolve("a.png"), 1);
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "path,split,label\na.png,train,0\na.png,test,2\n");
        IOException label = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertEquals(csv.toAbsolutePath() + " line 3 has label \"2\": use 0 for normal or 1 for anomaly.", label.getMessage());

        Files.writeString(csv, "path,split,label\na.png,validation,0\n");
        IOException split = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertEquals(csv.toAbsolutePath() + " line 2 has split \"validation\": use train or test.", split.getMessage());

        Files.writeString(csv, "file,split,label\na.png,train,0\n");
        IOException column = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertTrue(column.getMessage().contains("has no column \"path\" (its header is file,split,label)"), column.getMessage());

        Files.writeString(csv, "path,split,label\na.png,train\n");
        IOException fields = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertTrue(fields.getMessage().contains("line 2 has 2 fields but the header has 3"), fields.getMessage());
    }

    @Test
    void missingFilesAreListed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "path,split,label\nnope.png,train,0\n");
        IOException e = assertThrows(IOException.class, () -> CsvLayout.read(csv));
        assertTrue(e.getMessage().startsWith("1 of 1 images listed in " + csv.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("nope.png").toString()), e.getMessage());
    }
}
