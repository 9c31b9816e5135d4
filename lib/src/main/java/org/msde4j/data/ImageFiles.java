package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finding image files in folders and checking that listed files exist. */
public final class ImageFiles {

    /** File name endings read as images (what {@link javax.imageio.ImageIO} decodes on Java 17). */
    public static final List<String> EXTENSIONS = List.of("bmp", "gif", "jpeg", "jpg", "png", "tif", "tiff");

    /** How many missing names a message lists before it just counts. */
    private static final int SHOWN = 5;

    private ImageFiles() {
    }

    /** True for a visible file whose name ends in an image extension. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The image files under {@code dir} and its subfolders, sorted by path. */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("folder " + dir + " does not exist: the dataset is missing or incomplete — "
                    + "fetch it again or check the dataset root.");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        }
    }

    /**
     * The mask of the image at {@code relative} (a path inside its folder) in the folder of masks
     * {@code masks}: the same path with any image ending, or with {@code _mask} added to the name
     * (MVTec AD's {@code ground_truth} convention); null when there is none.
     */
    static Path maskOf(Path masks, Path relative) throws IOException {
        if (!Files.isDirectory(masks)) {
            return null;
        }
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path folder = relative.getParent() == null ? masks : masks.resolve(relative.getParent());
        for (String candidate : List.of(stem, stem + "_mask")) {
            for (String ending : EXTENSIONS) {
                for (String e : List.of(ending, ending.toUpperCase(Locale.ROOT))) {
                    Path p = folder.resolve(candidate + "." + e);
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Fails when any of {@code files} is missing.
     *
     * @param listedIn where the names came from, e.g. {@code /data/rsna/data.json}
     */
    static void requireAll(List<Path> files, String listedIn) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                missing.add(f.toString());
            }
        }
        if (!missing.isEmpty()) {
            String shown = String.join(", ", missing.subList(0, Math.min(SHOWN, missing.size())))
                    + (missing.size() > SHOWN ? ", …" : "");
            throw new IOException(missing.size() + " of " + files.size() + " images listed in " + listedIn
                    + " are missing (" + shown + "): the copy is incomplete — fetch the dataset again, "
                    + "or copy the missing files there.");
        }
    }
}
