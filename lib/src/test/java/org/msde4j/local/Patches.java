package org.msde4j.local;

import java.util.List;
import java.util.stream.IntStream;
import org.msde4j.embed.LocalEmbeddings;

/** Patch embeddings for the local detectors' tests, made from given numbers. */
final class Patches {

    private Patches() {
    }

    /** Images of a {@code height × width} grid whose patches are the given rows, image by image, position by position. */
    static LocalEmbeddings of(int height, int width, double[][] rows) {
        int depth = rows[0].length;
        int images = rows.length / (height * width);
        float[] values = new float[rows.length * depth];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < depth; c++) {
                values[r * depth + c] = (float) rows[r][c];
            }
        }
        List<String> names = IntStream.range(0, images).mapToObj(i -> "image" + i).toList();
        return new LocalEmbeddings(names, height, width, depth, values, List.of());
    }
}
