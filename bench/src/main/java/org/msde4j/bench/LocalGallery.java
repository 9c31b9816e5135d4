package org.msde4j.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.Dataset;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.LocalFeatures;
import org.msde4j.io.AtomicFiles;
import org.msde4j.local.LocalDetector;
import org.msde4j.local.Padim;
import org.msde4j.local.PatchCore;
import org.msde4j.local.PatchMsde;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedDataset;
import org.msde4j.pipeline.EmbeddedPatches;
import org.msde4j.viz.HtmlReport;
import org.msde4j.viz.MapGallery;

/**
 * Writes the picture of {@code docs/localisation.md}: on the synthetic brain-MRI set with the
 * default backbone, one row per local method (PaDiM, MSDE on patches, PatchCore) of its four most
 * anomalous test images, each beside its anomaly map with the tumour mask outlined.
 *
 * <p>Run: {@code ./jbang msde-bench local-gallery docs/localisation-maps.png}
 */
public final class LocalGallery {

    private static final int TILE = 128;
    private static final int PAIRS = 4;
    private static final int GAP = 4;

    private LocalGallery() {
    }

    static void write(Path out) throws IOException {
        DatasetSpec spec = DatasetSpec.id("synthetic-brain-mri");
        Dataset data = spec.load(DataCatalog.builtIn(), 42, System.out::println);
        List<LocalDetector> rows = List.of(Padim.defaults(), PatchMsde.defaults(), PatchCore.defaults());
        int width = 2 * PAIRS * TILE + (2 * PAIRS + 1) * GAP;
        int height = rows.size() * TILE + (rows.size() + 1) * GAP;
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        grid.getGraphics().fillRect(0, 0, width, height);
        try (BackboneSpec.Ready ready = BackboneSpec.defaults().open(spec.name(), data.trainNormals(),
                EmbeddedDataset.defaultCache(), true, System.out)) {
            LocalFeatures features = LocalFeatures.of(ready.backbone());
            List<EmbeddedPatches> splits = EmbeddedPatches.trainAndTest(spec.name(), data, features,
                    EmbeddedDataset.defaultCache().resolve("embeddings"), BadImagePolicy.FAIL, System.out);
            for (int row = 0; row < rows.size(); row++) {
                System.out.println(rows.get(row).name() + " …");
                List<HtmlReport.Thumbnail> tiles = MapGallery.mostAnomalous(splits.get(1).samples(),
                        rows.get(row).fit(splits.get(0).embeddings()).score(splits.get(1).embeddings()),
                        features.preprocessing().size(), PAIRS, TILE);
                for (int col = 0; col < tiles.size(); col++) {
                    BufferedImage tile = ImageIO.read(new ByteArrayInputStream(tiles.get(col).png()));
                    grid.getGraphics().drawImage(tile, GAP + col * (TILE + GAP), GAP + row * (TILE + GAP), null);
                }
            }
        }
        AtomicFiles.write(out, stream -> ImageIO.write(grid, "png", stream));
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
