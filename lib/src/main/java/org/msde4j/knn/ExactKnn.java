package org.msde4j.knn;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.msde4j.math.Matrices;

/**
 * Exact k-nearest-neighbour search in O(n·k) memory, with float32 products as a filter.
 *
 * <p><b>Method.</b> Rows are centred and rounded to float32; the backend computes the inner
 * products panel by panel ({@link GramBackend}), giving approximate squared distances
 * D̃²ᵢⱼ = ‖fᵢ‖² + ‖fⱼ‖² − 2⟨fᵢ,fⱼ⟩, stored as float32. A standard rounding-error bound (Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1: |fl(xᵀy) − xᵀy| ≤ γ_d Σ|xₗyₗ|,
 * γ_d = du/(1−du), u = 2⁻²⁴) plus the errors of rounding the inputs and the result gives εᵢ with
 * |D̃²ᵢⱼ − D²ᵢⱼ| ≤ εᵢ for every j. Each row keeps its k+16 smallest D̃² in a bounded heap whose
 * ceiling starts at a generous estimate taken from a sample of rows (so few candidates are ever
 * offered); the self-inclusive search visits every pair once (upper triangle) and offers it to both
 * rows. Then, with aₖ the k-th smallest D̃² kept and B a bound on every value not kept: if
 * B ≤ aₖ + 2εᵢ the row is searched exhaustively in double precision; otherwise candidates below
 * aₖ − 2εᵢ are certainly neighbours, those above aₖ + 2εᵢ certainly are not, and the few in between
 * are ranked by exact double-precision distance, ties to the lower row index. The result is the
 * brute-force answer, whatever the backend.
 *
 * <p>Memory: the rows, their float32 copy, one panel of products (at most ~8·10⁶ floats) and the
 * heaps, never an n×n matrix.
 */
public final class ExactKnn {

    /** Candidates kept per row beyond k. */
    static final int EXTRA_CANDIDATES = 16;
    private static final double U = 0x1p-24;
    private static final int PANEL_FLOATS = 8_000_000;
    /** Rows sampled to estimate each row's initial heap ceiling. */
    private static final int SAMPLE = 256;
    /** The ceiling aims at this many times the heap capacity of candidates below it. */
    private static final int CEILING_MARGIN = 3;

    private final GramBackend backend;
    private final int workers;

    /** A search whose products run on {@code backend}, using all available cores. */
    public ExactKnn(GramBackend backend) {
        this(backend, Runtime.getRuntime().availableProcessors());
    }

    ExactKnn(GramBackend backend, int workers) {
        this.backend = backend;
        this.workers = Math.max(1, workers);
    }

    /** A search on libtorch when its native library loads here, else on ND4J. */
    public static ExactKnn withFastestBackend() {
        return new ExactKnn(TorchGram.available() ? new TorchGram() : new Nd4jGram());
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
        Floats f = Floats.of(points, points.length, points);
        CandidateHeaps[] heaps = new CandidateHeaps[workers];
        int panel = panelRows(n);
        float[] buf = new float[panel * n];
        try (GramBackend.Session session = backend.load(f.values, f.rows, f.d)) {
            float[] ceilings = ceilings(session, f, 0, n, n, cap, buf, true);
            for (int t = 0; t < workers; t++) {
                heaps[t] = new CandidateHeaps(n, cap, ceilings);
            }
            for (int p0 = 0; p0 < n; p0 += panel) {
                int p1 = Math.min(n, p0 + panel);
                session.products(f.offset + p0, f.offset + p1, f.offset + p0, f.offset + n, buf);
                int from = p0;
                IntStream.range(0, workers).parallel().forEach(t -> {
                    for (int i = from + t; i < p1; i += workers) {
                        scanUpperRow(i, from, n, f.squaredNorms, f.offset, buf, heaps[t]);
                    }
                });
            }
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            IntToDoubleFunction exact = j -> Matrices.squaredDistance(points[i], points[j]);
            int[] chosen = resolve(heaps, i, others, f.epsilon(f.offset + i), exact,
                    () -> exhaustive(i, n, others, exact));
            int[] set = Arrays.copyOf(chosen, k);
            set[others] = i;
            Arrays.sort(set);
            System.arraycopy(set, 0, out, i * k, k);
        });
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
        Floats f = Floats.of(Matrices.stack(reference, queries), n, reference);
        int[] out = new int[m * k];
        int panel = panelRows(n);
        float[] buf = new float[panel * Math.max(n, SAMPLE)];
        CandidateHeaps heaps;
        try (GramBackend.Session session = backend.load(f.values, f.rows, f.d)) {
            heaps = new CandidateHeaps(m, cap, ceilings(session, f, n, n + m, n, cap, buf, false));
            for (int q0 = 0; q0 < m; q0 += panel) {
                int q1 = Math.min(m, q0 + panel);
                session.products(f.offset + n + q0, f.offset + n + q1, f.offset, f.offset + n, buf);
                int from = q0;
                CandidateHeaps h = heaps;
                IntStream.range(0, workers).parallel().forEach(t -> {
                    for (int q = from + t; q < q1; q += workers) {
                        scanRow(q, f.offset + n + q, (q - from) * n, n, f.squaredNorms, f.offset, buf, h);
                    }
                });
            }
        }
        CandidateHeaps[] merged = {heaps};
        IntStream.range(0, m).parallel().forEach(q -> {
            IntToDoubleFunction exact = j -> Matrices.squaredDistance(queries[q], reference[j]);
            int[] set = resolve(merged, q, k, f.epsilon(f.offset + n + q), exact, () -> exhaustive(-1, n, k, exact));
            Arrays.sort(set);
            System.arraycopy(set, 0, out, q * k, k);
        });
        return new NeighbourSets(k, out);
    }

    /**
     * Initial heap ceilings for rows [from, to) of the data: the r-th smallest approximate distance to
     * the sampled reference rows, with r chosen so that about {@value #CEILING_MARGIN}·cap of all
     * {@code n} reference rows lie below it. A ceiling only saves work: the certification in
     * {@link #resolve} catches one that turns out too low. Returns null (no ceilings) for small inputs.
     */
    private float[] ceilings(GramBackend.Session session, Floats f, int from, int to, int n, int cap, float[] buf,
                             boolean excludeSelf) {
        if (f.offset == 0) {
            return null;
        }
        int s = f.offset;
        int rank = Math.max(2, (int) Math.ceil((double) CEILING_MARGIN * cap * s / n));
        float[] ceilings = new float[to - from];
        int panel = Math.max(1, buf.length / s);
        for (int r0 = from; r0 < to; r0 += panel) {
            int r1 = Math.min(to, r0 + panel);
            session.products(s + r0, s + r1, 0, s, buf);
            int start = r0;
            IntStream.range(start, r1).parallel().forEach(i -> {
                double ni = f.squaredNorms[s + i];
                float[] smallest = new float[Math.min(rank, s)];
                java.util.Arrays.fill(smallest, Float.POSITIVE_INFINITY);
                for (int c = 0; c < s; c++) {
                    if (excludeSelf && f.sampleRow[c] == i) {
                        continue;
                    }
                    float d = (float) (ni + f.squaredNorms[c] - 2.0 * buf[(i - start) * s + c]);
                    insertSorted(smallest, d);
                }
                ceilings[i - from] = smallest[smallest.length - 1];
            });
        }
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

    private static void scanUpperRow(int i, int p0, int n, double[] sq, int offset, float[] buf, CandidateHeaps heaps) {
        int base = (i - p0) * (n - p0) - p0;
        double ni = sq[offset + i];
        float bound = heaps.bound(i);
        for (int j = i + 1; j < n; j++) {
            float dd = (float) (ni + sq[offset + j] - 2.0 * buf[base + j]);
            if (dd < bound) {
                heaps.offer(i, j, dd);
                bound = heaps.bound(i);
            }
            if (dd < heaps.bound(j)) {
                heaps.offer(j, i, dd);
            }
        }
    }

    private static void scanRow(int q, int row, int base, int n, double[] sq, int offset, float[] buf,
                                CandidateHeaps heaps) {
        double nq = sq[row];
        float bound = heaps.bound(q);
        for (int j = 0; j < n; j++) {
            float dd = (float) (nq + sq[offset + j] - 2.0 * buf[base + j]);
            if (dd < bound) {
                heaps.offer(q, j, dd);
                bound = heaps.bound(q);
            }
        }
    }

    /**
     * Picks the {@code wanted} nearest candidates of one row from the merged heaps, settling the
     * uncertain band around the k-th approximate distance with exact distances.
     */
    private static int[] resolve(CandidateHeaps[] heaps, int row, int wanted, double eps, IntToDoubleFunction exact,
                                 java.util.function.Supplier<int[]> fallback) {
        int total = 0;
        double unseen = Double.POSITIVE_INFINITY;
        for (CandidateHeaps h : heaps) {
            total += h.size(row);
            unseen = Math.min(unseen, h.bound(row));
        }
        if (total < wanted) {
            return fallback.get();
        }
        long[] packed = new long[total];
        int c = 0;
        for (CandidateHeaps h : heaps) {
            for (int s = 0; s < h.size(row); s++) {
                packed[c++] = pack(h.value(row, s), h.index(row, s));
            }
        }
        Arrays.sort(packed);
        double kth = valueOf(packed[wanted - 1]);
        if (unseen <= kth + 2 * eps) {
            return fallback.get();
        }
        int low = 0;
        while (low < total && valueOf(packed[low]) < kth - 2 * eps) {
            low++;
        }
        int high = low;
        while (high < total && valueOf(packed[high]) <= kth + 2 * eps) {
            high++;
        }
        int[] chosen = new int[wanted];
        for (int r = 0; r < low; r++) {
            chosen[r] = indexOf(packed[r]);
        }
        int band = high - low;
        double[] bandExact = new double[band];
        int[] bandIndex = new int[band];
        for (int r = 0; r < band; r++) {
            bandIndex[r] = indexOf(packed[low + r]);
            bandExact[r] = exact.applyAsDouble(bandIndex[r]);
        }
        int[] order = byValueThenIndex(bandExact, bandIndex);
        for (int r = 0; r < wanted - low; r++) {
            chosen[low + r] = bandIndex[order[r]];
        }
        return chosen;
    }

    /** A float and a row index in one long whose natural order is (value, index). */
    private static long pack(float value, int index) {
        int bits = Float.floatToIntBits(value);
        int key = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
        return ((long) key << 32) | (index & 0xffffffffL);
    }

    private static double valueOf(long packed) {
        int key = (int) (packed >>> 32);
        return Float.intBitsToFloat(key >= 0 ? key : key ^ Integer.MAX_VALUE);
    }

    private static int indexOf(long packed) {
        return (int) packed;
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
        return IntStream.range(0, value.length).boxed()
                .sorted((a, b) -> {
                    int byValue = Double.compare(value[a], value[b]);
                    return byValue != 0 ? byValue : Integer.compare(index[a], index[b]);
                })
                .mapToInt(Integer::intValue).toArray();
    }

    private static int panelRows(int n) {
        return Math.max(1, Math.min(n, Math.max(32, Math.min(512, PANEL_FLOATS / n))));
    }

    /**
     * Centred float32 copy of the rows, their squared norms, and the error bound's ingredients. When
     * the reference set is large, a strided sample of {@value #SAMPLE} reference rows is copied in front
     * (rows 0..offset−1) to estimate heap ceilings; data row i is then row offset + i.
     */
    private static final class Floats {
        final float[] values;
        final double[] squaredNorms;
        final int d;
        final int rows;
        final int offset;
        final int[] sampleRow;
        final double maxNorm;
        final double gamma;

        private Floats(float[] values, double[] squaredNorms, int d, int offset, int[] sampleRow, double maxNorm) {
            this.values = values;
            this.squaredNorms = squaredNorms;
            this.d = d;
            this.rows = squaredNorms.length;
            this.offset = offset;
            this.sampleRow = sampleRow;
            this.maxNorm = maxNorm;
            this.gamma = d * U / (1 - d * U);
        }

        /**
         * {@code data} centred on the mean of {@code reference} (its first {@code referenceRows} rows);
         * {@code maxNorm} is taken over those reference rows.
         */
        static Floats of(double[][] data, int referenceRows, double[][] reference) {
            int d = data[0].length;
            double[] mean = Matrices.columnMeans(reference);
            int s = referenceRows >= 4 * SAMPLE ? SAMPLE : 0;
            int[] sampleRow = new int[s];
            for (int c = 0; c < s; c++) {
                sampleRow[c] = (int) ((long) c * referenceRows / s);
            }
            int total = s + data.length;
            float[] values = new float[total * d];
            double[] sq = new double[total];
            IntStream.range(0, total).parallel().forEach(row -> {
                double[] r = row < s ? data[sampleRow[row]] : data[row - s];
                double acc = 0;
                for (int t = 0; t < d; t++) {
                    float v = (float) (r[t] - mean[t]);
                    values[row * d + t] = v;
                    acc += (double) v * v;
                }
                sq[row] = acc;
            });
            double maxSq = 0;
            for (int i = 0; i < referenceRows; i++) {
                maxSq = Math.max(maxSq, sq[s + i]);
            }
            return new Floats(values, sq, d, s, sampleRow, Math.sqrt(maxSq));
        }

        /**
         * A bound on |D̃²ᵢⱼ − D²ᵢⱼ| valid for every reference row j: float32 products (γ_d + u for the
         * sum and the stored result), rounding of the inputs to float32, rounding of D̃² to float32,
         * and a margin for the double-precision centring.
         */
        double epsilon(int row) {
            double fi = Math.sqrt(squaredNorms[row]);
            double reach = (fi + maxNorm) * (fi + maxNorm);
            double products = 2 * (gamma + U) * fi * maxNorm;
            double inputs = (2 * U + U * U) * reach;
            double stored = U * reach;
            return 1.01 * (products + inputs + stored + 1e-12 * reach) + Double.MIN_NORMAL;
        }
    }
}
