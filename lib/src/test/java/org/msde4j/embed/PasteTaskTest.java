package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PasteTaskTest {

    private static final int SIZE = 40;

    /** A bright disc (the "anatomy", value 0.8 with a gradient) on a dark background (0.05). */
    private static float[] disc() {
        float[] p = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean inside = Math.hypot(x - 20, y - 20) < 12;
                p[y * SIZE + x] = inside ? 0.6f + 0.01f * x : 0.05f;
            }
        }
        return p;
    }

    @Test
    void otsuMaskSelectsTheBrightObject() {
        float[] p = disc();
        boolean[] mask = PasteTask.anatPaste().anatomyMask(p);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i] > 0.5f, mask[i], "pixel " + i);
        }
        assertNull(PasteTask.cutPaste().anatomyMask(p));
    }

    @Test
    void aPasteChangesOnlyOneRectangleWhoseContentComesFromTheImage() {
        float[] p = disc();
        PasteTask task = PasteTask.anatPaste();
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            float[] q = task.paste(p, SIZE, task.anatomyMask(p), random);
            int minX = SIZE;
            int minY = SIZE;
            int maxX = -1;
            int maxY = -1;
            java.util.Set<Float> original = new java.util.HashSet<>();
            for (float v : p) {
                original.add(v);
            }
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (q[y * SIZE + x] != p[y * SIZE + x]) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                    assertTrue(original.contains(q[y * SIZE + x]), "every value comes from the image itself");
                }
            }
            assertTrue(maxX >= 0, "the paste changed the image (trial " + trial + ")");
            int area = (maxX - minX + 1) * (maxY - minY + 1);
            assertTrue(area <= 0.15 * SIZE * SIZE * 1.2 + 2 * SIZE, "changed box " + area + " px fits one patch");
        }
    }

    @Test
    void anatPastePutsPatchCentresOnTheAnatomy() {
        float[] p = disc();
        PasteTask task = new PasteTask(true, 0.02, 0.02, 1.0, 0.0);
        boolean[] mask = task.anatomyMask(p);
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            float[] marked = p.clone();
            // Make every pixel unique so the source of the pasted patch can be found.
            for (int i = 0; i < marked.length; i++) {
                marked[i] = i / (float) marked.length;
            }
            float[] q = task.paste(marked, SIZE, mask, random);
            int count = 0;
            long sumX = 0;
            long sumY = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (q[y * SIZE + x] != marked[y * SIZE + x]) {
                        sumX += x;
                        sumY += y;
                        count++;
                    }
                }
            }
            if (count == 0) {
                continue; // source and destination coincided
            }
            int changedX = (int) Math.round((double) sumX / count);
            int changedY = (int) Math.round((double) sumY / count);
            assertTrue(Math.hypot(changedX - 20, changedY - 20) < 14,
                    "destination centre (" + changedX + ", " + changedY + ") lies on the disc");
        }
    }

    @Test
    void nearlyInvisiblePastesAreDrawnAgain() {
        // Half the image is flat, half is a strong ramp: with minChange the flat-onto-flat pastes are rejected.
        float[] p = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                p[y * SIZE + x] = x < SIZE / 2 ? 0.1f : 0.1f + 0.9f * (x - SIZE / 2f) / (SIZE / 2f);
            }
        }
        PasteTask picky = new PasteTask(false, 0.02, 0.05, 2.0, 0.05);
        PasteTask any = new PasteTask(false, 0.02, 0.05, 2.0, 0.0);
        assertTrue(meanChange(picky, p) > 1.5 * meanChange(any, p));
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new PasteTask(false, 0, 0.1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PasteTask(false, 0.1, 0.6, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PasteTask(false, 0.1, 0.2, 0.5, 0));
    }

    private static double meanChange(PasteTask task, float[] p) {
        Random random = new Random(5);
        double total = 0;
        for (int trial = 0; trial < 200; trial++) {
            float[] q = task.paste(p, SIZE, null, random);
            for (int i = 0; i < p.length; i++) {
                total += Math.abs(q[i] - p[i]);
            }
        }
        return total / 200;
    }
}
