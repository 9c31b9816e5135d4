package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Isic2018LayoutTest {

    private static final String HEADER = "image,MEL,NV,BCC,AKIEC,BKL,DF,VASC\n";

    /** Writes one ISIC set: a ground-truth CSV row per diagnosis column (1.0 in that column) and its image. */
    private static void set(Path root, String set, List<String> diagnoses) throws IOException {
        List<String> columns = List.of("MEL", "NV", "BCC", "AKIEC", "BKL", "DF", "VASC");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < diagnoses.size(); i++) {
            String id = String.format("ISIC_%s%03d", set.charAt(0), i);
            StringBuilder row = new StringBuilder(id);
            for (String c : columns) {
                row.append(',').append(c.equals(diagnoses.get(i)) ? "1.0" : "0.0");
            }
            csv.append(row).append('\n');
            FixtureTrees.writePng(root.resolve("ISIC2018_Task3_" + set + "_Input/" + id + ".jpg"), i);
        }
        Path truth = root.resolve("ISIC2018_Task3_" + set + "_GroundTruth/ISIC2018_Task3_" + set + "_GroundTruth.csv");
        Files.createDirectories(truth.getParent());
        Files.writeString(truth, csv);
    }

    @Test
    void nevusIsNormalAndTrainingKeepsOnlyNevi(@TempDir Path dir) throws IOException {
        set(dir, "Training", List.of("NV", "MEL", "NV", "BKL", "NV"));
        set(dir, "Test", List.of("NV", "VASC", "DF", "NV"));
        Dataset data = new Isic2018Layout(null).load(dir, "isic2018");
        assertEquals(new SplitCounts(3, 0, 2, 2), data.counts());
        assertEquals(List.of(0, 1, 1, 0), data.test().stream().map(Sample::label).toList());
        assertEquals("ISIC_T002.jpg", data.samples().get(1).id());
    }

    @Test
    void missingImageOrBadValueIsReported(@TempDir Path dir) throws IOException {
        set(dir, "Training", List.of("NV", "NV"));
        set(dir, "Test", List.of("NV", "MEL"));
        Files.delete(dir.resolve("ISIC2018_Task3_Test_Input/ISIC_T001.jpg"));
        IOException missing = assertThrows(IOException.class, () -> new Isic2018Layout(null).load(dir, "isic2018"));
        assertTrue(missing.getMessage().contains("ISIC_T001.jpg") && missing.getMessage().contains("Test_GroundTruth.csv"),
                missing.getMessage());

        Path truth = dir.resolve("ISIC2018_Task3_Training_GroundTruth/ISIC2018_Task3_Training_GroundTruth.csv");
        Files.writeString(truth, HEADER + "ISIC_T000,0.0,yes,0.0,0.0,0.0,0.0,0.0\n");
        IOException value = assertThrows(IOException.class, () -> new Isic2018Layout(null).load(dir, "isic2018"));
        assertTrue(value.getMessage().contains(truth + " line 2 has NV = \"yes\""), value.getMessage());
    }
}
