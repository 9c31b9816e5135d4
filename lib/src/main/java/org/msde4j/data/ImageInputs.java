package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.image.ImageRef;

/** Image files named on a command line: files as given, folders searched recursively for images. */
public final class ImageInputs {

    private ImageInputs() {
    }

    /** The images of {@code paths}, in the given order, each folder's images sorted by path. */
    public static List<ImageRef> expand(List<Path> paths) throws IOException {
        List<ImageRef> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                ImageFiles.list(p).forEach(f -> out.add(new ImageRef.File(f)));
            } else if (Files.isRegularFile(p)) {
                out.add(new ImageRef.File(p));
            } else {
                throw new IOException(p + " does not exist: give image files or folders of images.");
            }
        }
        return out;
    }
}
