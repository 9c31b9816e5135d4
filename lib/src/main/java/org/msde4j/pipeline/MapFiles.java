package org.msde4j.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.msde4j.data.Sample;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.PixelImages;
import org.msde4j.image.Pixels;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.Npy;
import org.msde4j.local.AnomalyMap;
import org.msde4j.local.AnomalyMaps;
import org.msde4j.viz.MapGallery;

/**
 * The anomaly maps of scored images as files, two per image, named {@code NNNN-NAME} after the
 * image's position in the list and its file name:
 * <ul>
 *   <li>{@code .npy}: the map at the image's resolution, float32, shape (height, width) —
 *       upsampled from the patch grid and smoothed ({@link AnomalyMap}), in the model's score units;</li>
 *   <li>{@code .png}: the map drawn over the image ({@link org.msde4j.viz.Overlay}) on the scale of
 *       {@link MapGallery#scale}: coloured where a patch alone exceeds the model's threshold, the same
 *       scale for every image.</li>
 * </ul>
 */
public final class MapFiles {

    private MapFiles() {
    }

    /** Writes the files of every image into {@code folder} (created); returns how many images. */
    public static int write(Path folder, List<Sample> samples, AnomalyMaps maps, int inputSize) throws IOException {
        Files.createDirectories(folder);
        double[] scale = MapGallery.scale(maps);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String stem = String.format(Locale.ROOT, "%04d-%s", i + 1, stem(s.image().name()));
            Pixels image = ImageDecoder.read(s.image());
            double sigma = AnomalyMap.DEFAULT_SIGMA * image.width() / inputSize;
            float[] map = AnomalyMap.toImage(maps.maps().get(i), maps.height(), maps.width(), image.width(), image.height(),
                    sigma);
            AtomicFiles.write(folder.resolve(stem + ".npy"), out -> Npy.writeFloat32(out, map, image.height(), image.width()));
            byte[] png = PixelImages.png(MapGallery.overlay(s, maps.maps().get(i), maps, inputSize, scale));
            AtomicFiles.write(folder.resolve(stem + ".png"), out -> out.write(png));
        }
        return samples.size();
    }

    /** The file name without folders and ending, reduced to safe characters. */
    static String stem(String name) {
        String file = name.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
