package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.msde4j.image.ImageRef;

/**
 * A list of images in a CSV file with the columns {@code path,split,label} (any order, other
 * columns ignored): {@code split} is {@code train} or {@code test}, {@code label} 0 (normal) or 1
 * (anomaly). Relative paths resolve against the CSV file's folder. An optional column
 * {@code mask} names each image's ground-truth mask (same size as the image, non-zero where the
 * anomaly is); leave it empty where there is none.
 *
 * <pre>
 * path,split,label,mask
 * scans/a.png,train,0,
 * scans/b.png,test,1,masks/b.png
 * </pre>
 *
 * @param file the CSV file, relative to the dataset root ({@code list.csv} when null)
 */
public record CsvLayout(String file) implements Layout {

    /** Fills in the default name. */
    public CsvLayout {
        file = file == null ? "list.csv" : file;
    }

    /** Reads the list in {@code csv}; the dataset is named after the file. */
    public static Dataset read(Path csv) throws IOException {
        Path absolute = csv.toAbsolutePath();
        String name = absolute.getFileName().toString().replaceFirst("\\.csv$", "");
        return new CsvLayout(absolute.getFileName().toString()).load(absolute.getParent(), name);
    }

    @Override
    public Dataset load(Path root, String name) throws IOException {
        CsvTable table = CsvTable.read(root.resolve(file));
        Path folder = table.file().toAbsolutePath().getParent();
        int pathColumn = table.column("path");
        int splitColumn = table.column("split");
        int labelColumn = table.column("label");
        int maskColumn = table.optionalColumn("mask");
        List<Sample> samples = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String where = table.file() + " line " + row.line();
            String path = row.fields().get(pathColumn);
            if (path.isEmpty()) {
                throw new IOException(where + " has an empty path: give the image's path, absolute or relative to "
                        + folder + ".");
            }
            Split split = switch (row.fields().get(splitColumn).toLowerCase(Locale.ROOT)) {
                case "train" -> Split.TRAIN;
                case "test" -> Split.TEST;
                default -> throw new IOException(where + " has split \"" + row.fields().get(splitColumn)
                        + "\": use train or test.");
            };
            int label = switch (row.fields().get(labelColumn)) {
                case "0" -> 0;
                case "1" -> 1;
                default -> throw new IOException(where + " has label \"" + row.fields().get(labelColumn)
                        + "\": use 0 for normal or 1 for anomaly.");
            };
            Path image = folder.resolve(path).normalize();
            files.add(image);
            String mask = maskColumn < 0 ? "" : row.fields().get(maskColumn);
            Path maskFile = mask.isEmpty() ? null : folder.resolve(mask).normalize();
            if (maskFile != null) {
                files.add(maskFile);
            }
            samples.add(new Sample(path, new ImageRef.File(image), split, label,
                    maskFile == null ? null : new ImageRef.File(maskFile)));
        }
        if (samples.isEmpty()) {
            throw new IOException(table.file() + " lists no images: add one row path,split,label per image.");
        }
        ImageFiles.requireAll(files, table.file().toString());
        return new Dataset(name, samples);
    }

    @Override
    public String describe() {
        return file + " with the columns path,split,label (split train|test, label 0 normal|1 anomaly) and optionally mask";
    }
}
