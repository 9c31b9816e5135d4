package org.msde4j.knn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Inner products by libtorch's CPU {@code sgemm}, through DJL's PyTorch engine.
 *
 * <p>On the 2-core machines msde4j is developed on this is 3–5× faster than ND4J's bundled
 * OpenBLAS for the panel shapes the kNN search uses (see {@code msde-bench}).
 */
public final class TorchGram implements GramBackend {

    @Override
    public String name() {
        return "pytorch";
    }

    /** True when the PyTorch engine and its native library can be loaded here. */
    public static boolean available() {
        try {
            return Engine.getEngine("PyTorch") != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Session load(float[] rows, int n, int d) {
        NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch");
        NDArray x = manager.create(rows, new Shape(n, d));
        // A contiguous transposed copy: slicing its columns gives GEMM operands with a plain leading
        // dimension, which runs about twice as fast as a transposed view.
        NDArray xt = x.transpose().duplicate();
        return new Session() {
            @Override
            public void products(int rowFrom, int rowTo, int colFrom, int colTo, float[] out) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = x.get(new NDIndex(rowFrom + ":" + rowTo));
                    NDArray b = xt.get(new NDIndex(":, " + colFrom + ":" + colTo));
                    a.attach(scope);
                    b.attach(scope);
                    NDArray g = a.matMul(b);
                    g.attach(scope);
                    // A view of the result tensor (no copy by DJL), copied once into out.
                    g.toByteBuffer(true).asFloatBuffer().get(out, 0, (rowTo - rowFrom) * (colTo - colFrom));
                }
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }
}
