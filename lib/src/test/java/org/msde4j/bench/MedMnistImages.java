package org.msde4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;
import org.msde4j.io.Npy;

/**
 * The images and labels of one split of a MedMNIST {@code .npz} (keys {@code <split>_images},
 * {@code <split>_labels}), as lazily produced array entries.
 */
record MedMnistImages(List<ImageRef> images, int[] labels) {

    static MedMnistImages read(Path npz, String split) throws IOException {
        Npy.Array images = Npy.readNpz(npz, split + "_images");
        Npy.Array labels = Npy.readNpz(npz, split + "_labels");
        int n = (int) images.shape()[0];
        int h = (int) images.shape()[1];
        int w = (int) images.shape()[2];
        List<ImageRef> refs = new ArrayList<>(n);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            refs.add(new ImageRef.Array(npz.getFileName() + ":" + split, i, () -> {
                int[] v = new int[w * h];
                for (int p = 0; p < v.length; p++) {
                    v[p] = (int) images.get((long) index * w * h + p);
                }
                return new Pixels(w, h, 1, 255, v);
            }));
            y[i] = (int) labels.get(i);
        }
        return new MedMnistImages(refs, y);
    }

    /** The entries with label 0. */
    List<ImageRef> normals() {
        List<ImageRef> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0) {
                out.add(images.get(i));
            }
        }
        return out;
    }
}
