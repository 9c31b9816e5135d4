package org.msde4j.knn;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.msde4j.math.Matrices;

/**
 * Exact k-nearest-neighbour search in O(n·k) memory, with float32 products as a filter.
 *
 * <p><b>Method.</b> Rows are centred and rounded to float32; the backend computes the inner
 * products panel by panel ({@link GramBackend}), giving approximate squared distances
 * D̃²ᵢⱼ = ‖fᵢ‖² + ‖fⱼ‖² − 2⟨fᵢ,fⱼ⟩. A standard rounding-error bound (Higham, <i>Accuracy and
 * Stability of Numerical Algorithms</i>, §3.1: |fl(xᵀy) − xᵀy| ≤ γ_d Σ|xₗyₗ|, γ_d = du/(1−du),
 * u = 2⁻²⁴) plus the error of rounding the inputs gives εᵢ with |D̃²ᵢⱼ − D²ᵢⱼ| ≤ εᵢ for every j.
 * Each row keeps its k+16 smallest D̃² in a bounded heap; the self-inclusive search visits every
 * pair once (upper triangle) and offers it to both rows. Then, with aₖ the k-th smallest D̃²:
 * candidates below aₖ − 2εᵢ are certainly neighbours, those above aₖ + 2εᵢ certainly are not,
 * and only the few in between are ranked by their exact double-precision distance, ties to the
 * lower row index. If the heap cannot show that no unseen row is within aₖ + 2εᵢ, the row is
 * searched exhaustively in double precision. The result is therefore exactly the brute-force
 * answer, whatever the backend.
 *
 * <p>Memory: the rows, their float32 copy, one panel of products (at most ~8·10⁶ floats) and
 * the heaps, never an n×n matrix.
 */
public final class ExactKnn {

    /** Candidates kept per row beyond k. */
    static final int EXTRA_CANDIDATES = 16;
    private static final double U = 0x1p-24;
    private static final int PANEL_FLOATS = 8_000_000;

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
        Floats f = Floats.of(points, points);
        CandidateHeaps[] heaps = newHeaps(n, cap);
        int panel = panelRows(n);
        float[] buf = new float[panel * n];
        try (GramBackend.Session session = backend.load(f.values, n, f.d)) {
            for (int p0 = 0; p0 < n; p0 += panel) {
                int p1 = Math.min(n, p0 + panel);
                session.products(p0, p1, p0, n, buf);
                int from = p0;
                IntStream.range(0, workers).parallel().forEach(t -> {
                    for (int i = from + t; i < p1; i += workers) {
                        scanUpperRow(i, from, n, f.squaredNorms, buf, heaps[t]);
                    }
                });
            }
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            IntToDoubleFunction exact = j -> Matrices.squaredDistance(points[i], points[j]);
            int[] chosen = resolve(heaps, i, cap, others, cap == n - 1, f.epsilon(i), exact,
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
        double[][] all = Matrices.stack(reference, queries);
        Floats f = Floats.of(all, reference);
        CandidateHeaps heaps = new CandidateHeaps(m, cap);
        int[] out = new int[m * k];
        int panel = panelRows(n);
        float[] buf = new float[panel * n];
        try (GramBackend.Session session = backend.load(f.values, n + m, f.d)) {
            for (int q0 = 0; q0 < m; q0 += panel) {
                int q1 = Math.min(m, q0 + panel);
                session.products(n + q0, n + q1, 0, n, buf);
                int from = q0;
                IntStream.range(0, workers).parallel().forEach(t -> {
                    for (int q = from + t; q < q1; q += workers) {
                        scanRow(q, n + q, (q - from) * n, n, f.squaredNorms, buf, heaps);
                    }
                });
            }
        }
        IntStream.range(0, m).parallel().forEach(q -> {
            IntToDoubleFunction exact = j -> Matrices.squaredDistance(queries[q], reference[j]);
            int[] set = resolve(new CandidateHeaps[] {heaps}, q, cap, k, cap == n, f.epsilon(n + q), exact,
                    () -> exhaustive(-1, n, k, exact));
            Arrays.sort(set);
            System.arraycopy(set, 0, out, q * k, k);
        });
        return new NeighbourSets(k, out);
    }

    private static void scanUpperRow(int i, int p0, int n, double[] sq, float[] buf, CandidateHeaps heaps) {
        int base = (i - p0) * (n - p0) - p0;
        double ni = sq[i];
        double bound = heaps.bound(i);
        for (int j = i + 1; j < n; j++) {
            double dd = ni + sq[j] - 2.0 * buf[base + j];
            if (dd < bound) {
                heaps.offer(i, j, dd);
                bound = heaps.bound(i);
            }
            if (dd < heaps.bound(j)) {
                heaps.offer(j, i, dd);
            }
        }
    }

    private static void scanRow(int q, int row, int base, int n, double[] sq, float[] buf, CandidateHeaps heaps) {
        double nq = sq[row];
        double bound = heaps.bound(q);
        for (int j = 0; j < n; j++) {
            double dd = nq + sq[j] - 2.0 * buf[base + j];
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
    private static int[] resolve(CandidateHeaps[] heaps, int row, int cap, int wanted, boolean complete,
                                 double eps, IntToDoubleFunction exact, Supplier<int[]> fallback) {
        int total = 0;
        for (CandidateHeaps h : heaps) {
            total += h.size(row);
        }
        double[] value = new double[total];
        int[] index = new int[total];
        int c = 0;
        for (CandidateHeaps h : heaps) {
            for (int s = 0; s < h.size(row); s++) {
                value[c] = h.value(row, s);
                index[c++] = h.index(row, s);
            }
        }
        Integer[] order = sortedOrder(value, index);
        double kth = value[order[wanted - 1]];
        if (!complete && value[order[cap - 1]] <= kth + 2 * eps) {
            return fallback.get();
        }
        int low = 0;
        while (low < total && value[order[low]] < kth - 2 * eps) {
            low++;
        }
        int high = low;
        while (high < total && value[order[high]] <= kth + 2 * eps) {
            high++;
        }
        int[] chosen = new int[wanted];
        for (int r = 0; r < low; r++) {
            chosen[r] = index[order[r]];
        }
        int band = high - low;
        double[] bandExact = new double[band];
        int[] bandIndex = new int[band];
        for (int r = 0; r < band; r++) {
            bandIndex[r] = index[order[low + r]];
            bandExact[r] = exact.applyAsDouble(bandIndex[r]);
        }
        Integer[] bandOrder = sortedOrder(bandExact, bandIndex);
        for (int r = 0; r < wanted - low; r++) {
            chosen[low + r] = bandIndex[bandOrder[r]];
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
        Integer[] order = sortedOrder(value, index);
        int[] chosen = new int[wanted];
        for (int r = 0; r < wanted; r++) {
            chosen[r] = index[order[r]];
        }
        return chosen;
    }

    /** Positions sorted by (value, index): the tie rule of the reference implementation. */
    private static Integer[] sortedOrder(double[] value, int[] index) {
        Integer[] order = new Integer[value.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Double.compare(value[a], value[b]);
            return byValue != 0 ? byValue : Integer.compare(index[a], index[b]);
        });
        return order;
    }

    private CandidateHeaps[] newHeaps(int rows, int cap) {
        CandidateHeaps[] heaps = new CandidateHeaps[workers];
        for (int t = 0; t < workers; t++) {
            heaps[t] = new CandidateHeaps(rows, cap);
        }
        return heaps;
    }

    private static int panelRows(int n) {
        return Math.max(1, Math.min(n, Math.max(32, Math.min(512, PANEL_FLOATS / n))));
    }

    /** Centred float32 copy of the rows, their squared norms, and the error bound's ingredients. */
    private static final class Floats {
        final float[] values;
        final double[] squaredNorms;
        final int d;
        final double maxNorm;
        final double gamma;

        private Floats(float[] values, double[] squaredNorms, int d, double maxNorm) {
            this.values = values;
            this.squaredNorms = squaredNorms;
            this.d = d;
            this.maxNorm = maxNorm;
            this.gamma = d * U / (1 - d * U);
        }

        /**
         * Rows centred on the mean of {@code reference}, which must be the first rows of {@code rows};
         * {@code maxNorm} is taken over those reference rows.
         */
        static Floats of(double[][] rows, double[][] reference) {
            int d = rows[0].length;
            double[] mean = new double[d];
            for (double[] r : reference) {
                for (int t = 0; t < d; t++) {
                    mean[t] += r[t];
                }
            }
            for (int t = 0; t < d; t++) {
                mean[t] /= reference.length;
            }
            float[] values = new float[rows.length * d];
            double[] sq = new double[rows.length];
            IntStream.range(0, rows.length).parallel().forEach(i -> {
                double s = 0;
                double[] r = rows[i];
                for (int t = 0; t < d; t++) {
                    float v = (float) (r[t] - mean[t]);
                    values[i * d + t] = v;
                    s += (double) v * v;
                }
                sq[i] = s;
            });
            double maxSq = 0;
            for (int i = 0; i < reference.length; i++) {
                maxSq = Math.max(maxSq, sq[i]);
            }
            return new Floats(values, sq, d, Math.sqrt(maxSq));
        }

        /** A bound on |D̃²ᵢⱼ − D²ᵢⱼ| valid for every reference row j (the first rows of {@code values}). */
        double epsilon(int row) {
            double fi = Math.sqrt(squaredNorms[row]);
            double products = 2 * (gamma + U) * fi * maxNorm;
            double inputs = (2 * U + U * U + 1e-12) * (fi + maxNorm) * (fi + maxNorm);
            return 1.01 * (products + inputs) + Double.MIN_NORMAL;
        }
    }
}
