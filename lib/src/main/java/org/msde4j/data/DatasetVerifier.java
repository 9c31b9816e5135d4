package org.msde4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.msde4j.image.ImageRef;

/** Checks a dataset folder against its manifest: layout, counts, and that every image decodes. */
final class DatasetVerifier {

    /** Unreadable images listed by name before the rest are only counted. */
    private static final int SHOWN = 10;

    private DatasetVerifier() {
    }

    /** Verifies the dataset of {@code manifest} in {@code folder}. */
    static Verification verify(Manifest manifest, Path folder) {
        Dataset dataset;
        try {
            dataset = manifest.layout().load(folder, manifest.id());
        } catch (IOException | RuntimeException e) {
            return new Verification(manifest.id(), null, 0, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        SplitCounts found = dataset.counts();
        for (String d : manifest.splits().counts().differencesFrom(found)) {
            problems.add("count " + d + countSource(manifest));
        }
        List<String> unreadable = new ArrayList<>();
        int decoded = 0;
        for (Sample s : dataset.samples()) {
            String why = decodeProblem(s.image());
            if (why == null) {
                decoded++;
            } else {
                unreadable.add(s.image().name() + " (" + why + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            problems.add(unreadable.size() + " image(s) do not decode: "
                    + String.join(", ", unreadable.subList(0, Math.min(SHOWN, unreadable.size())))
                    + (unreadable.size() > SHOWN ? ", …" : "") + " — fetch the dataset again or replace those files.");
        }
        return new Verification(manifest.id(), found, decoded, problems);
    }

    /** Why the manifest expects its counts, appended to a count difference. */
    static String countSource(Manifest manifest) {
        return manifest.splits().verified()
                ? " (the copy is incomplete or altered: fetch it again)"
                : " (the manifest's counts are unverified — " + manifest.splits().note()
                + "; if your copy is known to be right, load it with manifest.layout().load(folder, id))";
    }

    /** Null when the image decodes, otherwise the reason. */
    private static String decodeProblem(ImageRef ref) {
        try {
            if (ref instanceof ImageRef.File f) {
                BufferedImage image = ImageIO.read(f.path().toFile());
                return image == null ? "not an image format Java can read" : null;
            }
            ((ImageRef.Array) ref).pixels().get();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
