package org.msde4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** 5 wide × 3 high, values 0, 10, …, 140 row by row. */
    private static final float[] RAMP = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140};

    /*
     * Reference values from Pillow 9.4 (Debian python3-pil):
     *   a = np.arange(0, 150, 10, dtype=np.float32).reshape(3, 5)
     *   np.array(Image.fromarray(a, mode='F').resize((w, h), Image.BILINEAR))
     */

    @Test
    void shrinkingMatchesPillowBilinear() {
        assertArrayEquals(new float[] {28.75f, 48.75f, 91.25f, 111.25f},
                Resampler.resize(RAMP, 5, 3, 2, 2), 1e-4f);
    }

    @Test
    void enlargingMatchesPillowBilinear() {
        float[] expected = {
            0.0f, 4.375f, 10.625f, 16.875f, 23.125f, 29.375f, 35.625f, 40.0f,
            20.0f, 24.375f, 30.625f, 36.875f, 43.125f, 49.375f, 55.625f, 60.0f,
            50.0f, 54.375f, 60.625f, 66.875f, 73.125f, 79.375f, 85.625f, 90.0f,
            80.0f, 84.375f, 90.625f, 96.875f, 103.125f, 109.375f, 115.625f, 120.0f,
            100.0f, 104.375f, 110.625f, 116.875f, 123.125f, 129.375f, 135.625f, 140.0f};
        assertArrayEquals(expected, Resampler.resize(RAMP, 5, 3, 8, 5), 1e-4f);
    }

    @Test
    void shrinkingOneAxisWhileEnlargingTheOtherMatchesPillow() {
        float[] expected = {
            4.285714f, 20.0f, 35.714287f, 11.428571f, 27.142857f, 42.857143f, 32.857143f, 48.571430f, 64.285713f,
            54.285713f, 70.0f, 85.714287f, 75.714287f, 91.428574f, 107.142853f, 97.142853f, 112.857140f, 128.571426f,
            104.285713f, 120.0f, 135.714279f};
        assertArrayEquals(expected, Resampler.resize(RAMP, 5, 3, 3, 7), 1e-4f);
    }

    @Test
    void sameSizeGivesTheInputBack() {
        assertArrayEquals(RAMP, Resampler.resize(RAMP, 5, 3, 5, 3), 0f);
    }
}
