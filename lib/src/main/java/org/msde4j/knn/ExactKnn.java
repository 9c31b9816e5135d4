package org.msde4j.knn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.msde4j.knn.SearchProfile.Phase;
import org.msde4j.math.Matrices;

/**
 * Exact k-nearest-neighbour search in O(n·(k + d)) memory, with float32 products as a filter.
 *
 * <p><b>Method.</b> Rows are centred and rounded to float32 (fᵢ) and extended so that one inner
 * product is a squared distance: the left operand holds [fᵢ, 1, sᵢ] and the right [−2fⱼ, sⱼ, 1],
 * with sᵢ = ‖fᵢ‖² rounded to float32, so ⟨·,·⟩ = sᵢ + sⱼ − 2⟨fᵢ,fⱼ⟩ = D̃²ᵢⱼ. The backend computes these
 * in tiles ({@link GramBackend}) and each tile is read straight into the candidate lists, never
 * copied. A standard rounding-error bound (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, §3.1: |fl(aᵀb) − aᵀb| ≤ γ_w Σ|aₗbₗ|, γ_w = wu/(1−wu), u = 2⁻²⁴, w = d + 2) plus the
 * errors of rounding the inputs and the norms gives εᵢ with |D̃²ᵢⱼ − D²ᵢⱼ| ≤ εᵢ for every j. Each row
 * keeps its k+16 smallest D̃² in a candidate list whose ceiling starts at a generous estimate taken
 * from a sample of rows (so few candidates are ever offered); the self-inclusive search visits every
 * pair once (upper triangle) and offers it to both rows. Then, with aₖ the k-th smallest D̃² kept
 * and B a bound on every value not kept: if B ≤ aₖ + 2εᵢ (the ceiling was too low, or more than 16
 * values tie within 2εᵢ) the row is searched again against all rows with an unbounded list, and
 * exhaustively in double precision if even that cannot certify it; otherwise candidates below
 * aₖ − 2εᵢ are certainly neighbours, those above aₖ + 2εᵢ certainly are not, and the few in between
 * are ranked by exact double-precision distance, ties to the lower row index. The result is the
 * brute-force answer, whatever the backend.
 *
 * <p>Memory: the rows, their two float32 operands, one tile of products (at most 2²³ floats) and
 * the lists, never an n×n matrix.
 */
public final class ExactKnn {

    /** Candidates kept per row beyond k. */
    static final int EXTRA_CANDIDATES = 16;
    private static final double U = 0x1p-24;
    /** Rows of one product tile: enough for the backend's GEMM to run at full speed. */
    private static final int TILE_ROWS = 512;
    /** Products in one tile at most (32 MiB of float32). */
    private static final int TILE_FLOATS = 1 << 23;
    /** Rows sampled to estimate each row's initial ceiling. */
    private static final int SAMPLE = 256;
    /** Columns of the right operand written together when transposing (one cache line of float32). */
    private static final int TRANSPOSE_BLOCK = 16;
    /** The ceiling aims at this many times the list capacity of candidates below it. */
    private static final int CEILING_MARGIN = 3;

    private final GramBackend backend;
    private final int workers;
    private final SearchProfile profile;

    /** A search whose products run on {@code backend}, using all available cores. */
    public ExactKnn(GramBackend backend) {
        this(backend, Runtime.getRuntime().availableProcessors());
    }

    ExactKnn(GramBackend backend, int workers) {
        this(backend, workers, null);
    }

    private ExactKnn(GramBackend backend, int workers, SearchProfile profile) {
        this.backend = backend;
        this.workers = Math.max(1, workers);
        this.profile = profile;
    }

    /** A search on libtorch when its native library loads here, else on ND4J. */
    public static ExactKnn withFastestBackend() {
        return new ExactKnn(TorchGram.available() ? new TorchGram() : new Nd4jGram());
    }

    /** The same search, adding the time of each phase of every search to {@code profile}. */
    public ExactKnn profiled(SearchProfile profile) {
        return new ExactKnn(backend, workers, Objects.requireNonNull(profile, "profile"));
    }

    /** The backend's name, for reports. */
    public String backendName() {
        return backend.name();
    }

    /**
     * The {@code k} nearest rows of every row among all rows, the row itself included (it ranks
     * first, at distance 0), as in the authors' code.
     */
    public NeighbourSets selfInclusive(double[][] points, int k) {
        int n = points.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and the number of rows (" + n + "), got " + k + ".");
        }
        int others = k - 1;
        int[] out = new int[n * k];
        if (others == 0) {
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return new NeighbourSets(k, out);
        }
        int cap = Math.min(n - 1, others + EXTRA_CANDIDATES);
        long[] start = now();
        Operands ops = Operands.of(points, points);
        int[][] chosen = new int[n][];
        try (GramBackend.Session session = backend.load(ops.right(), ops.offset + n, ops.width)) {
            record(Phase.OPERANDS, start);
            float[] ceilings = ceilings(session, ops, n, n, cap, true);
            CandidateLists lists = new CandidateLists(n, cap, ceilings);
            ColumnOffers[] deferred = new ColumnOffers[workers];
            for (int t = 0; t < workers; t++) {
                deferred[t] = new ColumnOffers();
            }
            // Panels of the upper triangle: rows [r0, r1) against columns from r0 on. Few, large
            // backend calls: each call costs a synchronisation of the backend's threads.
            for (int r0 = 0; r0 < n; r0 += TILE_ROWS) {
                int r1 = Math.min(n, r0 + TILE_ROWS);
                int columns = Math.max(TILE_ROWS, TILE_FLOATS / (r1 - r0));
                for (int c0 = r0; c0 < n; c0 += columns) {
                    int rows0 = r0;
                    int cols0 = c0;
                    int c1 = Math.min(n, c0 + columns);
                    tile(session, ops.left, r0, r1, ops.offset + c0, ops.offset + c1,
                            view -> scanUpper(view, rows0, r1, cols0, c1, lists, deferred));
                }
            }
            long[] band = now();
            IntStream.range(0, n).parallel().forEach(i -> chosen[i] = resolve(lists, i, others, ops.epsilon(i),
                    j -> Matrices.squaredDistance(points[i], points[j])));
            record(Phase.BAND, band);
            rescue(session, ops, chosen, points, points, others, cap, true);
        }
        for (int i = 0; i < n; i++) {
            int[] set = Arrays.copyOf(chosen[i], k);
            set[others] = i;
            Arrays.sort(set);
            System.arraycopy(set, 0, out, i * k, k);
        }
        searched();
        return new NeighbourSets(k, out);
    }

    /**
     * The {@code k} nearest {@code reference} rows of every {@code queries} row. The queries are not
     * part of the reference set, so no row is its own neighbour.
     */
    public NeighbourSets among(double[][] queries, double[][] reference, int k) {
        int n = reference.length;
        int m = queries.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and the number of reference rows (" + n
                    + "), got " + k + ".");
        }
        int cap = Math.min(n, k + EXTRA_CANDIDATES);
        int[] out = new int[m * k];
        if (m == 0) {
            return new NeighbourSets(k, out);
        }
        long[] start = now();
        Operands ops = Operands.of(queries, reference);
        int[][] chosen = new int[m][];
        try (GramBackend.Session session = backend.load(ops.right(), ops.offset + n, ops.width)) {
            record(Phase.OPERANDS, start);
            CandidateLists lists = new CandidateLists(m, cap, ceilings(session, ops, m, n, cap, false));
            crossTiles(session, ops.left, ops.width, m, ops.offset, n, lists, null);
            long[] band = now();
            IntStream.range(0, m).parallel().forEach(q -> chosen[q] = resolve(lists, q, k, ops.epsilon(q),
                    j -> Matrices.squaredDistance(queries[q], reference[j])));
            record(Phase.BAND, band);
            rescue(session, ops, chosen, queries, reference, k, cap, false);
        }
        for (int q = 0; q < m; q++) {
            int[] set = chosen[q].clone();
            Arrays.sort(set);
            System.arraycopy(set, 0, out, q * k, k);
        }
        searched();
        return new NeighbourSets(k, out);
    }

    /**
     * Settles the rows whose lists could not certify their neighbours (their ceiling was set too low):
     * they are searched again against every reference row with unbounded lists, and any row that still
     * cannot be certified (more near-ties than the list holds) exhaustively in double precision.
     */
    private void rescue(GramBackend.Session session, Operands ops, int[][] chosen, double[][] queries,
                        double[][] reference, int wanted, int cap, boolean excludeSelf) {
        int[] open = IntStream.range(0, chosen.length).filter(q -> chosen[q] == null).toArray();
        if (open.length == 0) {
            return;
        }
        long[] start = now();
        int w = ops.width;
        float[] left = new float[open.length * w];
        for (int a = 0; a < open.length; a++) {
            System.arraycopy(ops.left, open[a] * w, left, a * w, w);
        }
        CandidateLists lists = new CandidateLists(open.length, cap, null);
        crossTiles(session, left, w, open.length, ops.offset, reference.length, lists, excludeSelf ? open : null);
        IntStream.range(0, open.length).parallel().forEach(a -> {
            int q = open[a];
            IntToDoubleFunction exact = j -> Matrices.squaredDistance(queries[q], reference[j]);
            int[] set = resolve(lists, a, wanted, ops.epsilon(q), exact);
            chosen[q] = set != null ? set : exhaustive(excludeSelf ? q : -1, reference.length, wanted, exact);
        });
        if (profile != null) {
            profile.countRescued(open.length);
            record(Phase.RESCUE, start);
        }
    }

    /**
     * The products of all {@code rows} left rows with the {@code n} reference rows (right rows offset..),
     * each offered to its left row's list; {@code self[q]}, when given, is the column to skip in row q.
     */
    private void crossTiles(GramBackend.Session session, float[] left, int width, int rows, int offset, int n,
                            CandidateLists lists, int[] self) {
        int tileRows = Math.max(1, Math.min(TILE_ROWS, TILE_FLOATS / n));
        int columns = Math.max(tileRows, TILE_FLOATS / tileRows);
        for (int q0 = 0; q0 < rows; q0 += tileRows) {
            int q1 = Math.min(rows, q0 + tileRows);
            for (int c0 = 0; c0 < n; c0 += columns) {
                int c1 = Math.min(n, c0 + columns);
                int rows0 = q0;
                int cols0 = c0;
                tile(session, left, q0, q1, offset + c0, offset + c1, view -> scanRows(view, rows0, q1, cols0, c1, lists, self));
            }
        }
    }

    /** Computes one tile and lets {@code scan} read it, timing both. */
    private void tile(GramBackend.Session session, float[] left, int r0, int r1, int c0, int c1, Consumer<FloatBuffer> scan) {
        long[] clock = now();
        long[][] ready = new long[1][];
        session.products(left, r0, r1 - r0, c0, c1, view -> {
            ready[0] = now();
            scan.accept(view);
        });
        if (profile != null) {
            long[] end = now();
            profile.add(Phase.PRODUCTS, ready[0][0] - clock[0], ready[0][1] - clock[1]);
            profile.add(Phase.SCAN, end[0] - ready[0][0], end[1] - ready[0][1]);
        }
    }

    /** Wall and process CPU nanoseconds, when profiling (else nothing is measured). */
    private long[] now() {
        return profile == null ? new long[2] : new long[] {System.nanoTime(), SearchProfile.processCpuNanos()};
    }

    private void record(Phase phase, long[] since) {
        if (profile != null) {
            long[] end = now();
            profile.add(phase, end[0] - since[0], end[1] - since[1]);
        }
    }

    private void searched() {
        if (profile != null) {
            profile.countSearch();
        }
    }

    /**
     * Initial ceilings of the left rows [0, rows): the r-th smallest approximate distance to the
     * sampled reference rows, with r chosen so that about {@value #CEILING_MARGIN}·cap of all {@code n}
     * reference rows lie below it. A ceiling only saves work: the certification in {@link #resolve}
     * catches one that turns out too low. Returns null (no ceilings) for small inputs.
     */
    private float[] ceilings(GramBackend.Session session, Operands ops, int rows, int n, int cap, boolean excludeSelf) {
        int s = ops.offset;
        if (s == 0) {
            return null;
        }
        long[] start = now();
        int rank = Math.min(s, Math.max(2, (int) Math.ceil((double) CEILING_MARGIN * cap * s / n)));
        float[] ceilings = new float[rows];
        int panel = Math.max(1, TILE_FLOATS / s);
        for (int r0 = 0; r0 < rows; r0 += panel) {
            int r1 = Math.min(rows, r0 + panel);
            int from = r0;
            session.products(ops.left, r0, r1 - r0, 0, s, view -> IntStream.range(from, r1).parallel().forEach(i -> {
                float[] smallest = new float[rank];
                Arrays.fill(smallest, Float.POSITIVE_INFINITY);
                float[] products = new float[s];
                view.get((i - from) * s, products, 0, s);
                for (int c = 0; c < s; c++) {
                    if (!excludeSelf || ops.sampleRow[c] != i) {
                        insertSorted(smallest, products[c]);
                    }
                }
                ceilings[i] = smallest[rank - 1];
            }));
        }
        record(Phase.CEILINGS, start);
        return ceilings;
    }

    /** Keeps the ascending array {@code smallest} the smallest values seen: inserts {@code v} if it belongs. */
    private static void insertSorted(float[] smallest, float v) {
        int pos = smallest.length - 1;
        if (!(v < smallest[pos])) {
            return;
        }
        while (pos > 0 && smallest[pos - 1] > v) {
            smallest[pos] = smallest[pos - 1];
            pos--;
        }
        smallest[pos] = v;
    }

    /**
     * Offers the pairs (i, j), j &gt; i, of a tile of the self-inclusive search to the lists of both
     * rows, in one pass over the tile. Worker t reads rows t, t + workers, … and offers to their lists
     * directly; an offer to column j's list, which another worker's row may also want, is only
     * noted when it beats j's bound as last seen (bounds only fall, so a stale one lets more through,
     * never fewer) and made afterwards by the worker that owns j (j mod workers).
     */
    private void scanUpper(FloatBuffer view, int r0, int r1, int c0, int c1, CandidateLists lists,
                           ColumnOffers[] deferred) {
        int columns = c1 - c0;
        IntStream.range(0, workers).parallel().forEach(t -> {
            ColumnOffers notes = deferred[t];
            notes.clear();
            float[] row = notes.row(columns);
            for (int i = r0 + t; i < r1; i += workers) {
                int from = Math.max(c0, i + 1);
                int length = c1 - from;
                view.get((i - r0) * columns + from - c0, row, 0, length);
                float bound = lists.bound(i);
                for (int x = 0; x < length; x++) {
                    float v = row[x];
                    if (v < bound) {
                        lists.offer(i, from + x, v);
                        bound = lists.bound(i);
                    }
                    if (v < lists.bound(from + x)) {
                        notes.add(from + x, i, v);
                    }
                }
            }
        });
        IntStream.range(0, workers).parallel().forEach(t -> {
            for (ColumnOffers notes : deferred) {
                notes.offerOwned(t, workers, lists);
            }
        });
    }

    /** Offers every product of a tile of a cross search to its left row's list, skipping {@code self[q]}. */
    private static void scanRows(FloatBuffer view, int q0, int q1, int c0, int c1, CandidateLists lists, int[] self) {
        int columns = c1 - c0;
        IntStream.range(q0, q1).parallel().forEach(q -> {
            float[] row = new float[columns];
            view.get((q - q0) * columns, row, 0, columns);
            int skip = self == null ? -1 : self[q];
            float bound = lists.bound(q);
            for (int x = 0; x < columns; x++) {
                float v = row[x];
                if (v < bound && c0 + x != skip) {
                    lists.offer(q, c0 + x, v);
                    bound = lists.bound(q);
                }
            }
        });
    }

    /**
     * The {@code wanted} nearest candidates of one row from its list, with the uncertain band
     * around the k-th approximate distance settled by exact distances; null when the lists cannot
     * certify the answer (a value not kept may lie within the band).
     */
    private int[] resolve(CandidateLists lists, int row, int wanted, double eps, IntToDoubleFunction exact) {
        int total = lists.size(row);
        if (total < wanted) {
            return null;
        }
        double unseen = lists.bound(row);
        double kth = lists.kthSmallest(row, wanted - 1);
        if (unseen <= kth + 2 * eps) {
            return null;
        }
        int[] chosen = new int[wanted];
        int low = 0;
        int band = 0;
        int[] bandIndex = new int[total];
        for (int s = 0; s < total; s++) {
            double v = lists.value(row, s);
            if (v < kth - 2 * eps) {
                chosen[low++] = lists.index(row, s);
            } else if (v <= kth + 2 * eps) {
                bandIndex[band++] = lists.index(row, s);
            }
        }
        if (profile != null) {
            profile.countBand(band);
        }
        double[] bandExact = new double[band];
        for (int r = 0; r < band; r++) {
            bandExact[r] = exact.applyAsDouble(bandIndex[r]);
        }
        int[] order = byValueThenIndex(bandExact, bandIndex);
        for (int r = 0; r < wanted - low; r++) {
            chosen[low + r] = bandIndex[order[r]];
        }
        return chosen;
    }

    /** The {@code wanted} nearest of all {@code n} rows (skipping {@code self}, if ≥ 0), by exact distance. */
    private static int[] exhaustive(int self, int n, int wanted, IntToDoubleFunction exact) {
        int m = self >= 0 ? n - 1 : n;
        double[] value = new double[m];
        int[] index = new int[m];
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (j != self) {
                value[c] = exact.applyAsDouble(j);
                index[c++] = j;
            }
        }
        int[] order = byValueThenIndex(value, index);
        int[] chosen = new int[wanted];
        for (int r = 0; r < wanted; r++) {
            chosen[r] = index[order[r]];
        }
        return chosen;
    }

    /** Positions sorted by (value, index): the tie rule of the reference implementation. */
    private static int[] byValueThenIndex(double[] value, int[] index) {
        Integer[] order = new Integer[value.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Double.compare(value[a], value[b]);
            return byValue != 0 ? byValue : Integer.compare(index[a], index[b]);
        });
        int[] out = new int[order.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = order[r];
        }
        return out;
    }

    /**
     * The two float32 operands whose products are squared distances, and the error bound's
     * ingredients. Rows are centred on the mean of the reference rows. The left operand holds the
     * query rows as [fᵢ, 1, sᵢ]; the right one the reference rows as [−2fⱼ, sⱼ, 1], transposed (one
     * column per row, as the backends take it). When the reference set is large, a strided sample of
     * {@value #SAMPLE} reference rows is copied in front of the right operand (columns 0..offset−1) to
     * estimate ceilings; reference row j is then right column offset + j.
     */
    private static final class Operands {
        final float[] left;
        private float[] right;
        final int width;
        final int offset;
        final int[] sampleRow;
        private final double[] leftSquaredNorms;
        private final double maxNorm;
        private final double gamma;

        private Operands(float[] left, float[] right, int width, int[] sampleRow, double[] leftSquaredNorms,
                         double maxNorm) {
            this.left = left;
            this.right = right;
            this.width = width;
            this.offset = sampleRow.length;
            this.sampleRow = sampleRow;
            this.leftSquaredNorms = leftSquaredNorms;
            this.maxNorm = maxNorm;
            this.gamma = width * U / (1 - width * U);
        }

        /** The right operand, handed over once (to the backend, which keeps its own copy). */
        float[] right() {
            float[] r = right;
            right = null;
            return r;
        }

        static Operands of(double[][] queries, double[][] reference) {
            int d = reference[0].length;
            int w = d + 2;
            int n = reference.length;
            double[] mean = Matrices.columnMeans(reference);
            int s = n >= 4 * SAMPLE ? SAMPLE : 0;
            int[] sampleRow = new int[s];
            for (int c = 0; c < s; c++) {
                sampleRow[c] = (int) ((long) c * n / s);
            }
            boolean self = queries == reference;
            float[] left = new float[queries.length * w];
            double[] leftSq = new double[queries.length];
            IntStream.range(0, queries.length).parallel().forEach(i -> leftSq[i] = extend(queries[i], mean, left, i * w));
            double[] rightSq = self ? leftSq : new double[n];
            float[] referenceRows = self ? left : new float[n * w];
            if (!self) {
                IntStream.range(0, n).parallel().forEach(j -> rightSq[j] = extend(reference[j], mean, referenceRows, j * w));
            }
            int columns = s + n;
            float[] right = new float[w * columns];
            int blocks = (columns + TRANSPOSE_BLOCK - 1) / TRANSPOSE_BLOCK;
            IntStream.range(0, blocks).parallel().forEach(b -> {
                int from = b * TRANSPOSE_BLOCK;
                int to = Math.min(columns, from + TRANSPOSE_BLOCK);
                for (int t = 0; t < d; t++) {
                    for (int c = from; c < to; c++) {
                        int j = c < s ? sampleRow[c] : c - s;
                        right[t * columns + c] = -2f * referenceRows[j * w + t];
                    }
                }
                for (int c = from; c < to; c++) {
                    int j = c < s ? sampleRow[c] : c - s;
                    right[d * columns + c] = referenceRows[j * w + d + 1];
                    right[(d + 1) * columns + c] = 1f;
                }
            });
            double maxSq = Arrays.stream(rightSq).max().orElse(0);
            return new Operands(left, right, w, sampleRow, leftSq, Math.sqrt(maxSq));
        }

        /**
         * Writes the left-operand row [f, 1, s] of {@code row} at {@code at} (f = the centred row in
         * float32, s = ‖f‖² in float32); returns ‖f‖² in double.
         */
        private static double extend(double[] row, double[] mean, float[] out, int at) {
            int d = mean.length;
            double acc = 0;
            for (int t = 0; t < d; t++) {
                float v = (float) (row[t] - mean[t]);
                out[at + t] = v;
                acc += (double) v * v;
            }
            out[at + d] = 1f;
            out[at + d + 1] = (float) acc;
            return acc;
        }

        /**
         * A bound on |D̃²ᵢⱼ − D²ᵢⱼ| valid for left row i and every reference row j, with Fᵢ = ‖fᵢ‖ and
         * M the largest reference ‖fⱼ‖: the float32 product of width w, γ_w (2FᵢFⱼ + sᵢ + sⱼ); the
         * norms rounded to float32, u(sᵢ + sⱼ); the inputs rounded to float32, (2u + u²)(Fᵢ + Fⱼ)²;
         * and a margin for the double-precision centring and the exact distances.
         */
        double epsilon(int row) {
            double fi = Math.sqrt(leftSquaredNorms[row]);
            double reach = (fi + maxNorm) * (fi + maxNorm);
            return 1.01 * (gamma + 3 * U + U * U + 1e-12) * reach + Double.MIN_NORMAL;
        }
    }
}
