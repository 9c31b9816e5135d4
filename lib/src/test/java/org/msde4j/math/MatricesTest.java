package org.msde4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MatricesTest {

    private static final double[][] X = {{1, 2, 3}, {4, 5, 6}};

    @Test
    void roundTripsThroughNd4jInRowMajorOrder() {
        INDArray m = Matrices.toNd4j(X);
        assertArrayEquals(new long[] {2, 3}, m.shape());
        assertEquals(6, m.getDouble(1, 2), 0);
        assertEquals(2, m.getDouble(0, 1), 0);
        assertArrayEquals(X, Matrices.toRows(m, "x"));
        INDArray transposedFloat = Nd4j.create(new float[] {1, 4, 2, 5, 3, 6}, new long[] {3, 2}, 'c')
                .castTo(DataType.FLOAT).transpose();
        assertArrayEquals(X, Matrices.fromNd4j(transposedFloat), "views and other types are copied first");
        assertEquals(0, Matrices.toNd4j(new double[0][]).length());
    }

    @Test
    void toRowsRefusesNullAndNonMatricesNamingTheInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Matrices.toRows(null, "test data"))
                .getMessage().startsWith("test data is null"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.toRows(Nd4j.create(new double[] {1, 2, 3}, new long[] {3}), "test data"));
        assertTrue(e.getMessage().contains("must be a 2-D matrix") && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void requireFiniteMatrixNamesTheFirstBadRowAndColumn() {
        assertEquals(3, Matrices.requireFiniteMatrix(X, "x"));
        assertTrue(message(null).contains("x is empty"));
        assertTrue(message(new double[0][]).contains("x is empty"));
        assertTrue(message(new double[][] {{}}).contains("rows of width 0"));
        assertTrue(message(new double[][] {{1, 2}, {3}}).contains("row 1 has 1 values but row 0 has 2"));
        assertTrue(message(new double[][] {{1, 2}, {3, Double.NaN}}).contains("(NaN) at row 1, column 1"));
        assertTrue(message(new double[][] {{Double.NEGATIVE_INFINITY, 2}}).contains("at row 0, column 0"));
    }

    private static String message(double[][] rows) {
        return assertThrows(IllegalArgumentException.class, () -> Matrices.requireFiniteMatrix(rows, "x")).getMessage();
    }

    @Test
    void columnMeansCentringAndDistances() {
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, Matrices.columnMeans(X), 0);
        assertArrayEquals(new double[][] {{-1.5, -1.5, -1.5}, {1.5, 1.5, 1.5}}, Matrices.centred(X, new double[] {2.5, 3.5, 4.5}));
        assertEquals(27, Matrices.squaredDistance(X[0], X[1]), 0);
    }

    @Test
    void copiesAreDeepAndSelectionsShareRows() {
        double[][] copy = Matrices.copy(X);
        assertArrayEquals(X, copy);
        assertNotSame(X[0], copy[0]);
        double[][] stacked = Matrices.stack(X, new double[][] {{7, 8, 9}});
        assertEquals(3, stacked.length);
        assertSame(X[1], stacked[1]);
        assertArrayEquals(new double[] {7, 8, 9}, stacked[2], 0);
        double[][] picked = Matrices.rows(stacked, new int[] {2, 0});
        assertSame(stacked[2], picked[0]);
        assertSame(X[0], picked[1]);
        double[][] slice = Matrices.slice(stacked, 1, 3);
        assertEquals(2, slice.length);
        assertSame(X[1], slice[0]);
    }
}
