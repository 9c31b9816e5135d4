package org.msde4j.local;

import java.util.Map;
import org.msde4j.embed.LocalEmbeddings;

/**
 * A detector on patch embeddings: a name, and a fit on the patches of normal training images that
 * returns an immutable {@link LocalModel} (the shape of the library's detector contract: name, fit →
 * scorer).
 */
public interface LocalDetector {

    /** A short name for tables, e.g. {@code PatchCore}. */
    String name();

    /** Fits on the patch embeddings of normal training images. */
    LocalModel fit(LocalEmbeddings train);

    /** The settings, by name, as model files and reports record them (the image-score rule apart). */
    Map<String, Object> settings();
}
