package org.msde4j.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.msde4j.data.CsvLayout;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.data.FolderLayout;
import org.msde4j.data.ImageInputs;
import org.msde4j.data.Manifest;
import org.msde4j.data.MedMnistLayout;
import org.msde4j.io.Downloader;

/**
 * A dataset as a user names it: a catalog id ({@code data-manifest/datasets}), an anomalib-style
 * folder with {@code normal/} and {@code abnormal/} sub-folders (and optionally {@code masks/} with
 * the abnormal images' ground-truth masks), a MedMNIST {@code .npz} file, or a CSV list with
 * columns {@code path,split,label} (and optionally {@code mask}).
 *
 * @param kind      which of the four
 * @param value     the id, folder or file
 * @param testSplit for a MedMNIST file, the arrays scored as the test split: {@code test}, or
 *                  {@code val} to tune without looking at the test set
 */
public record DatasetSpec(Kind kind, String value, String testSplit) {

    /** A dataset whose test split is its own. */
    public DatasetSpec(Kind kind, String value) {
        this(kind, value, MedMnistLayout.TEST);
    }

    /** The same dataset with another MedMNIST test split ({@code test} or {@code val}). */
    public DatasetSpec withTestSplit(String split) {
        if (!split.equals(MedMnistLayout.TEST) && kind != Kind.NPZ) {
            throw new IllegalArgumentException("option --test-split " + split + " applies to a MedMNIST file (--npz) only; "
                    + "other datasets have no validation split.");
        }
        return new DatasetSpec(kind, value, split);
    }

    /** The id of the synthetic brain-MRI set the project generates: msde-eval's dataset when none is named. */
    public static final String SYNTHETIC = "synthetic-brain-mri";

    /** The kinds of dataset reference. */
    public enum Kind {
        ID, FOLDER, NPZ, CSV
    }

    /** Normal images held out of training in a folder layout, and the seed of that split. */
    static final double FOLDER_TEST_FRACTION = FolderLayout.DEFAULT_TEST_FRACTION;

    public static DatasetSpec id(String id) {
        return new DatasetSpec(Kind.ID, id);
    }

    public static DatasetSpec folder(Path dir) {
        return new DatasetSpec(Kind.FOLDER, dir.toString());
    }

    public static DatasetSpec npz(Path file) {
        return new DatasetSpec(Kind.NPZ, file.toString());
    }

    public static DatasetSpec csv(Path file) {
        return new DatasetSpec(Kind.CSV, file.toString());
    }

    /** A short name for tables: the id, or the file or folder name. */
    public String name() {
        return kind == Kind.ID ? value : Path.of(value).getFileName().toString();
    }

    /**
     * Loads the dataset. A catalog id whose data is generated (the synthetic brain MRI) is generated
     * when absent; any other absent id fails with the steps to get it.
     */
    public Dataset load(DataCatalog catalog, long seed, Consumer<String> log) throws IOException {
        return switch (kind) {
            case ID -> {
                boolean generated = catalog.manifest(value).automaticSource()
                        .filter(src -> src.kind() == Manifest.SourceKind.GENERATED).isPresent();
                if (generated && !Files.isDirectory(catalog.folder(value))) {
                    log.accept("generating " + value + " into " + catalog.folder(value) + " (once)");
                    catalog.fetch(value, Downloader.Options.defaults().withOffline(true), log);
                }
                yield catalog.load(value);
            }
            case FOLDER -> {
                Path dir = existing(Path.of(value), "--folder");
                if (!Files.isDirectory(dir.resolve("normal"))) {
                    throw new IOException("option --folder: " + dir + " has no normal/ sub-folder: put the normal images "
                            + "into " + dir.resolve("normal") + " (and, for msde-eval, abnormal ones into "
                            + dir.resolve("abnormal") + ").");
                }
                Path abnormal = dir.resolve("abnormal");
                if (!Files.isDirectory(abnormal) || ImageInputs.expand(List.of(abnormal)).isEmpty()) {
                    log.accept("note: " + dir.resolve("abnormal") + " holds no images: the test split has normal images only "
                            + "(enough to fit and score; msde-eval needs abnormal images too)");
                    yield new FolderLayout(List.of(new FolderLayout.Folder("normal", FolderLayout.Role.AUTO, 0)), List.of(),
                            FOLDER_TEST_FRACTION, seed).load(dir, name());
                }
                yield FolderLayout.normalAbnormal("normal", "abnormal", "masks", FOLDER_TEST_FRACTION, seed).load(dir, name());
            }
            case NPZ -> MedMnistLayout.read(existing(Path.of(value), "--npz"), testSplit);
            case CSV -> CsvLayout.read(existing(Path.of(value), "--list"));
        };
    }

    /** Where the dataset's files are (the catalog folder of an id, else the folder or file given): an input of every run on it. */
    public Path location(DataCatalog catalog) {
        return kind == Kind.ID ? catalog.folder(value) : Path.of(value);
    }

    private static Path existing(Path p, String option) throws IOException {
        if (!Files.exists(p)) {
            throw new IOException("option " + option + ": " + p + " does not exist.");
        }
        return p;
    }
}
