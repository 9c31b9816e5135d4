package org.msde4j.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageRef;
import org.msde4j.io.OutputRules;

/**
 * What a run reads — dataset folders and files, the folders of its image files, a local backbone —
 * which its output folder must keep clear of ({@link OutputRules}).
 */
public final class RunInputs {

    private RunInputs() {
    }

    /**
     * {@code rules} keeping clear of the dataset's location, {@code backbone}'s local source (may be
     * null) and the folders of the samples' image files.
     */
    public static OutputRules of(OutputRules rules, DatasetSpec spec, DataCatalog catalog, List<Sample> samples,
                                 BackboneSpec backbone) {
        List<Path> in = new ArrayList<>();
        in.add(spec.location(catalog));
        if (backbone != null) {
            backbone.localSource().ifPresent(in::add);
        }
        return rules.withInputs(in).withImageFolders(imageFolders(samples));
    }

    /** The folders that hold the image files of {@code samples}, each once. */
    public static List<Path> imageFolders(List<Sample> samples) {
        Set<Path> folders = new LinkedHashSet<>();
        for (Sample s : samples) {
            if (s.image() instanceof ImageRef.File f && f.path().toAbsolutePath().getParent() != null) {
                folders.add(f.path().toAbsolutePath().getParent());
            }
        }
        return List.copyOf(folders);
    }
}
