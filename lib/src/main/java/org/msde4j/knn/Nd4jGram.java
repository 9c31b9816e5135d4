package org.msde4j.knn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.msde4j.math.Matrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Inner products by ND4J's bundled OpenBLAS {@code sgemm}. Always available. */
public final class Nd4jGram implements GramBackend {

    static {
        Matrices.findNd4jBackendWhereMsde4jIs();
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public Session load(float[] rightTransposed, int columns, int width) {
        INDArray yt = Nd4j.create(rightTransposed, new long[] {width, columns}, 'c');
        return new Session() {
            @Override
            public void products(float[] left, int from, int rows, int colFrom, int colTo, Consumer<FloatBuffer> reader) {
                float[] block = Arrays.copyOfRange(left, from * width, (from + rows) * width);
                INDArray b = yt.get(NDArrayIndex.all(), NDArrayIndex.interval(colFrom, colTo));
                try (INDArray a = Nd4j.create(block, new long[] {rows, width}, 'c');
                     INDArray g = Nd4j.create(DataType.FLOAT, new long[] {rows, colTo - colFrom}, 'c')) {
                    a.mmuli(b, g);
                    reader.accept(g.data().asNioFloat());
                }
            }

            @Override
            public void close() {
                yt.close();
            }
        };
    }
}
