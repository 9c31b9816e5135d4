package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.image.ImageRef;

/**
 * The ISIC 2018 challenge, Task 3 (lesion diagnosis; Codella et al. 2019, arXiv 1902.03368;
 * images from HAM10000, Tschandl et al., Scientific Data 2018) as MedIAnomaly uses it: melanocytic
 * nevi ({@code NV}) are normal, the other six classes (MEL, BCC, AKIEC, BKL, DF, VASC) abnormal.
 * Training split: the NV images of the training set; test split: the whole official test set.
 *
 * <pre>
 * ISIC2018_Task3_Training_Input/ISIC_…jpg
 * ISIC2018_Task3_Training_GroundTruth/ISIC2018_Task3_Training_GroundTruth.csv
 * ISIC2018_Task3_Test_Input/ISIC_…jpg
 * ISIC2018_Task3_Test_GroundTruth/ISIC2018_Task3_Test_GroundTruth.csv
 * </pre>
 *
 * The ground-truth CSVs hold one row per image, {@code image,MEL,NV,BCC,AKIEC,BKL,DF,VASC}, with
 * 1.0 in the column of its diagnosis.
 *
 * @param normalClass the ground-truth column that marks normal images ({@code NV} when null)
 */
public record Isic2018Layout(String normalClass) implements Layout {

    private static final String PREFIX = "ISIC2018_Task3_";

    /** Fills in the default class. */
    public Isic2018Layout {
        normalClass = normalClass == null ? "NV" : normalClass;
    }

    @Override
    public Dataset load(Path root, String name) throws IOException {
        List<Sample> samples = new ArrayList<>();
        read(root, "Training", Split.TRAIN, samples);
        read(root, "Test", Split.TEST, samples);
        return new Dataset(name, samples);
    }

    /** Adds the images of one ISIC set; for training only the normal ones. */
    private void read(Path root, String set, Split split, List<Sample> samples) throws IOException {
        Path images = root.resolve(PREFIX + set + "_Input");
        CsvTable truth = CsvTable.read(root.resolve(PREFIX + set + "_GroundTruth").resolve(PREFIX + set + "_GroundTruth.csv"));
        int imageColumn = truth.column("image");
        int normalColumn = truth.column(normalClass);
        List<Path> files = new ArrayList<>();
        for (CsvTable.Row row : truth.rows()) {
            String value = row.fields().get(normalColumn);
            int label;
            try {
                label = Double.parseDouble(value) == 1.0 ? 0 : 1;
            } catch (NumberFormatException e) {
                throw new IOException(truth.file() + " line " + row.line() + " has " + normalClass + " = \"" + value
                        + "\", not a number: restore the file from the ISIC archive.");
            }
            if (split == Split.TRAIN && label == 1) {
                continue;
            }
            String file = row.fields().get(imageColumn) + ".jpg";
            Path path = images.resolve(file);
            files.add(path);
            samples.add(new Sample(file, new ImageRef.File(path), split, label));
        }
        ImageFiles.requireAll(files, truth.file().toString());
    }

    @Override
    public String describe() {
        return PREFIX + "{Training,Test}_Input/ with the JPEG images and " + PREFIX + "{Training,Test}_GroundTruth/"
                + PREFIX + "{Training,Test}_GroundTruth.csv (" + normalClass + " normal, other classes abnormal)";
    }
}
