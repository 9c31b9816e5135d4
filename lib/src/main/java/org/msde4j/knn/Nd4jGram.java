package org.msde4j.knn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Inner products by ND4J's bundled OpenBLAS {@code sgemm}. Always available. */
public final class Nd4jGram implements GramBackend {

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public Session load(float[] rows, int n, int d) {
        INDArray x = Nd4j.create(rows, new long[] {n, d}, 'c');
        return new Session() {
            @Override
            public void products(int rowFrom, int rowTo, int colFrom, int colTo, float[] out) {
                INDArray a = x.get(NDArrayIndex.interval(rowFrom, rowTo), NDArrayIndex.all());
                INDArray b = x.get(NDArrayIndex.interval(colFrom, colTo), NDArrayIndex.all());
                INDArray g = Nd4j.create(DataType.FLOAT, new long[] {rowTo - rowFrom, colTo - colFrom}, 'c');
                a.mmuli(b.transpose(), g);
                g.data().asNioFloat().get(out, 0, (rowTo - rowFrom) * (colTo - colFrom));
            }

            @Override
            public void close() {
                x.close();
            }
        };
    }
}
