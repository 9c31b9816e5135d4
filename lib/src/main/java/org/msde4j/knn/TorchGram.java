package org.msde4j.knn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Consumer;

/**
 * Inner products by libtorch's CPU {@code sgemm}, through DJL's PyTorch engine.
 *
 * <p>On the 2-core machines msde4j is developed on this is 3–5× faster than ND4J's bundled
 * OpenBLAS for the tile shapes the kNN search uses (see {@code msde-bench}).
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
    public Session load(float[] rightTransposed, int columns, int width) {
        NDManager manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").defaultDevice(), "PyTorch");
        // The right operand transposed and contiguous: slicing its columns gives GEMM operands with a
        // plain leading dimension, which runs about twice as fast as a transposed view.
        NDArray yt;
        try {
            yt = manager.create(rightTransposed, new Shape(width, columns));
        } catch (RuntimeException | Error e) {
            manager.close();   // the session that would close it is never returned
            throw e;
        }
        return new Session() {
            /** The left rows of a tile, handed to libtorch without a further copy. */
            private ByteBuffer staging = ByteBuffer.allocateDirect(0);

            @Override
            public void products(float[] left, int from, int rows, int colFrom, int colTo, Consumer<FloatBuffer> reader) {
                int bytes = rows * width * Float.BYTES;
                if (staging.capacity() < bytes) {
                    staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                }
                staging.clear();
                staging.asFloatBuffer().put(left, from * width, rows * width);
                staging.limit(bytes);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = scope.create(staging, new Shape(rows, width), DataType.FLOAT32);
                    NDArray b = yt.get(new NDIndex(":, " + colFrom + ":" + colTo));
                    b.attach(scope);
                    NDArray g = a.matMul(b);
                    g.attach(scope);
                    reader.accept(g.toByteBuffer(true).asFloatBuffer());
                }
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }
}
