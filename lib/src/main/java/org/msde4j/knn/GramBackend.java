package org.msde4j.knn;

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
     * Loads {@code n} rows of width {@code d} (row-major float32) for later products.
     *
     * @return a session that must be closed to free native memory
     */
    Session load(float[] rows, int n, int d);

    /** Rows loaded into a backend. */
    interface Session extends AutoCloseable {

        /**
         * Writes the products {@code <x_i, x_j>} for {@code i} in [{@code rowFrom}, {@code rowTo}) and
         * {@code j} in [{@code colFrom}, {@code colTo}) into {@code out}, row-major.
         */
        void products(int rowFrom, int rowTo, int colFrom, int colTo, float[] out);

        @Override
        void close();
    }
}
