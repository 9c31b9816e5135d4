package org.msde4j.image;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Where an image comes from: a file to decode, or an entry of an in-memory or archived array. */
public sealed interface ImageRef permits ImageRef.File, ImageRef.Array {

    /** A short human-readable name for messages and reports (a path, or {@code file.npz[train_images:17]}). */
    String name();

    /** An image file (PNG, JPEG, TIFF, ...), decoded when needed. */
    record File(Path path) implements ImageRef {
        @Override
        public String name() {
            return path.toString();
        }
    }

    /**
     * Entry {@code index} of an array source such as a MedMNIST {@code .npz}, produced on demand.
     *
     * @param content what the source holds, e.g. the SHA-256 of the {@code .npz} file, so that caches can
     *                tell a changed source without producing the pixels; null when unknown (caches then
     *                digest the pixels themselves)
     */
    record Array(String source, int index, Supplier<Pixels> pixels, String content) implements ImageRef {

        /** An entry whose source content is unknown. */
        public Array(String source, int index, Supplier<Pixels> pixels) {
            this(source, index, pixels, null);
        }

        @Override
        public String name() {
            return source + "[" + index + "]";
        }
    }
}
