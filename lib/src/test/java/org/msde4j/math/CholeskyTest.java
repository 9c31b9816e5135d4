package org.msde4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    /**
     * A = LLᵀ with L = [[2, 0, 0], [1, 3, 0], [−1, 2, 1]], so A = [[4, 2, −2], [2, 10, 5], [−2, 5, 6]].
     * L⁻¹ = [[1/2, 0, 0], [−1/6, 1/3, 0], [5/6, −2/3, 1]] by forward substitution, and
     * A⁻¹ = L⁻ᵀL⁻¹ = [[35/36, −11/18, 5/6], [−11/18, 5/9, −2/3], [5/6, −2/3, 1]].
     */
    @Test
    void inverseOfAHandFactoredMatrix() {
        double[][] a = {{4, 2, -2}, {2, 10, 5}, {-2, 5, 6}};
        double[][] inverse = Cholesky.of(a).inverse();
        double[][] expected = {{35.0 / 36, -11.0 / 18, 5.0 / 6}, {-11.0 / 18, 5.0 / 9, -2.0 / 3}, {5.0 / 6, -2.0 / 3, 1}};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], inverse[i], 1e-12, "row " + i);
        }
    }

    /** A = LLᵀ with L = [[2, 0, 0], [4, 3, 0], [−1, 2, 1]]: A·A⁻¹ must be the identity. */
    @Test
    void theInverseTimesTheMatrixIsTheIdentity() {
        double[][] a = {{4, 8, -2}, {8, 25, 2}, {-2, 2, 6}};
        double[][] inverse = Cholesky.of(a).inverse();
        for (int i = 0; i < 3; i++) {
            double[] row = new double[3];
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    row[j] += a[i][k] * inverse[k][j];
                }
            }
            double[] unit = new double[3];
            unit[i] = 1;
            assertArrayEquals(unit, row, 1e-12, "row " + i + " of A·A⁻¹");
        }
    }

    @Test
    void onlyTheLowerTriangleIsRead() {
        double[][] a = {{4, 99, 99}, {2, 10, 99}, {-2, 5, 6}};
        assertArrayEquals(new double[] {35.0 / 36, -11.0 / 18, 5.0 / 6}, Cholesky.of(a).inverse()[0], 1e-12);
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefusedNamingThePivot() {
        // pivot 1: 1 − 2²/1 = −3
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Cholesky.of(new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().contains("pivot 1 is -3.0"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> Cholesky.of(new double[][] {{0}}), "a zero pivot is refused too");
    }
}
