package org.msde4j.knn;

import java.nio.FloatBuffer;
import java.util.function.Consumer;

/**
 * Where the float32 inner products of a kNN search are computed.
 *
 * <p>The exact search uses these products only to find candidates; every decision that could
 * change the neighbour set is settled in double precision (see {@link ExactKnn}). A backend can
 * therefore be swapped for speed without changing any result.
 */
public interface GramBackend {

    /** A short name for reports, e.g. {@code "pytorch"}. */
    String name();

    /**
     * Loads the right operand, {@code columns} rows of width {@code width}, given transposed: row-major
     * float32 of shape width × columns, so that its column j is right row j. The backend keeps its own
     * copy; {@code rightTransposed} may be discarded afterwards.
     *
     * @return a session that must be closed to free native memory
     */
    Session load(float[] rightTransposed, int columns, int width);

    /** A right operand loaded into a backend; used by one thread at a time. */
    interface Session extends AutoCloseable {

        /**
         * Computes the products ⟨leftᵢ, rightⱼ⟩ for the {@code rows} left rows starting at row
         * {@code from} of {@code left} (row-major, the session's width) and the right rows {@code j} in
         * [{@code colFrom}, {@code colTo}), and hands them to {@code reader} as a row-major view of the
         * backend's own result (no copy), readable only during the call.
         */
        void products(float[] left, int from, int rows, int colFrom, int colTo, Consumer<FloatBuffer> reader);

        @Override
        void close();
    }
}
