package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msde4j.image.ImageRef;

class DatasetTest {

    /** 10 normal training images n0…n9, 2 abnormal training images, 3 test images. */
    private static Dataset data() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(sample("n" + i, Split.TRAIN, 0));
        }
        samples.add(sample("a0", Split.TRAIN, 1));
        samples.add(sample("a1", Split.TRAIN, 1));
        samples.add(sample("t0", Split.TEST, 0));
        samples.add(sample("t1", Split.TEST, 1));
        samples.add(sample("t2", Split.TEST, 0));
        return new Dataset("toy", samples);
    }

    private static Sample sample(String id, Split split, int label) {
        return new Sample(id, new ImageRef.File(Path.of(id + ".png")), split, label);
    }

    private static List<String> ids(List<Sample> samples) {
        return samples.stream().map(Sample::id).toList();
    }

    @Test
    void aSampleOfTheNormalsKeepsOrderAndEveryOtherImage() {
        Dataset full = data();
        Dataset sample = full.withTrainNormalSample(4, 42);
        List<String> drawn = ids(sample.trainNormals());
        assertEquals(4, drawn.size());
        assertTrue(ids(full.trainNormals()).containsAll(drawn), drawn.toString());
        assertEquals(drawn.stream().sorted().toList(), drawn, "dataset order kept");
        assertEquals(ids(full.test()), ids(sample.test()));
        assertEquals(List.of("a0", "a1"), ids(sample.split(Split.TRAIN).stream().filter(s -> s.label() == 1).toList()));
        assertEquals("toy-sample4-seed42", sample.name());
        assertEquals(drawn, ids(full.withTrainNormalSample(4, 42).trainNormals()), "same seed, same sample");
        assertNotEquals(drawn, ids(full.withTrainNormalSample(4, 43).trainNormals()), "another seed, another sample");
        assertEquals(ids(full.trainNormals()), ids(full.withTrainNormalSample(10, 1).trainNormals()));
    }

    @Test
    void everyNormalIsEquallyLikelyToBeDrawn() {
        Dataset full = data();
        int seeds = 4000;
        int[] count = new int[10];
        for (int seed = 0; seed < seeds; seed++) {
            for (Sample s : full.withTrainNormalSample(3, seed).trainNormals()) {
                count[Integer.parseInt(s.id().substring(1))]++;
            }
        }
        double expected = seeds * 3 / 10.0;
        double sd = Math.sqrt(seeds * 0.3 * 0.7);
        for (int i = 0; i < 10; i++) {
            assertTrue(Math.abs(count[i] - expected) < 4 * sd, "n" + i + " drawn " + count[i] + " times, expected " + expected);
        }
    }

    @Test
    void aSampleLargerThanTheNormalsOrEmptyIsRefused() {
        for (int n : new int[] {0, 11}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data().withTrainNormalSample(n, 1));
            assertTrue(e.getMessage().contains("--sample") && e.getMessage().contains("10 normal training images"), e.getMessage());
        }
    }
}
