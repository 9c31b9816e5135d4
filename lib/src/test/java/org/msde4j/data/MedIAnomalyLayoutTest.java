package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.image.ImageRef;

class MedIAnomalyLayoutTest {

    @Test
    void readsSplitsLabelsAndPaths(@TempDir Path dir) throws IOException {
        FixtureTrees.write(dir, FixtureTrees.medIAnomaly(5, 2, 3));
        Dataset data = MedIAnomalyLayout.read(dir);
        assertEquals(new SplitCounts(5, 0, 2, 3), data.counts());
        assertEquals(5, data.trainNormals().size());
        assertEquals(List.of(0, 0, 1, 1, 1), data.test().stream().map(Sample::label).toList());
        Sample first = data.samples().get(0);
        assertEquals("img0000.png", first.id());
        assertEquals(Split.TRAIN, first.split());
        assertEquals(dir.resolve("images/img0000.png"), assertInstanceOf(ImageRef.File.class, first.image()).path());
        assertEquals(dir.getFileName().toString(), data.name());
    }

    @Test
    void aMaskIsTheFileOfTheSameNameInMasks(@TempDir Path dir) throws IOException {
        FixtureTrees.write(dir, FixtureTrees.medIAnomaly(2, 1, 2));
        FixtureTrees.writePng(dir.resolve("masks/img0004.png"), 9);
        Dataset data = MedIAnomalyLayout.read(dir);
        assertEquals(List.of("img0004.png"), data.samples().stream().filter(s -> s.mask() != null).map(Sample::id).toList());
        assertEquals(dir.resolve("masks/img0004.png"),
                assertInstanceOf(ImageRef.File.class, data.samples().get(4).mask()).path());
    }

    @Test
    void missingImagesAreListedWithTheIndexFile(@TempDir Path dir) throws IOException {
        FixtureTrees.write(dir, FixtureTrees.medIAnomaly(5, 2, 3));
        Files.delete(dir.resolve("images/img0006.png"));
        Files.delete(dir.resolve("images/img0001.png"));
        IOException e = assertThrows(IOException.class, () -> MedIAnomalyLayout.read(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith("2 of 10 images listed in " + dir.resolve("data.json")), m);
        assertTrue(m.contains("img0001.png") && m.contains("img0006.png") && m.contains("fetch the dataset again"), m);
    }

    @Test
    void malformedIndexSaysWhereAndWhat(@TempDir Path dir) throws IOException {
        FixtureTrees.write(dir, FixtureTrees.medIAnomaly(1, 1, 1));
        Files.writeString(dir.resolve("data.json"), "{\"train\": {\"0\": [\"img0000.png\"]},\n \"test\": {\"0\": [\"a\"], \"2\": []}}");
        IOException label = assertThrows(IOException.class, () -> MedIAnomalyLayout.read(dir));
        assertTrue(label.getMessage().contains("\"test\" has label \"2\""), label.getMessage());

        Files.writeString(dir.resolve("data.json"), "{\"train\": {\"0\": [\"img0000.png\"]}}");
        IOException split = assertThrows(IOException.class, () -> MedIAnomalyLayout.read(dir));
        assertTrue(split.getMessage().contains("has no object \"test\""), split.getMessage());

        Files.writeString(dir.resolve("data.json"), "{\"train\": {\"0\": [\"img0000.png\",]}\n");
        IOException json = assertThrows(IOException.class, () -> MedIAnomalyLayout.read(dir));
        assertTrue(json.getMessage().contains("is not valid JSON") && json.getMessage().contains("line"), json.getMessage());

        Files.delete(dir.resolve("data.json"));
        IOException none = assertThrows(IOException.class, () -> MedIAnomalyLayout.read(dir));
        assertTrue(none.getMessage().contains("data.json does not exist"), none.getMessage());
    }
}
