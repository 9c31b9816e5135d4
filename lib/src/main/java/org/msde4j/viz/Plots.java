package org.msde4j.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.msde4j.density.Pca;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.Curve;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Interval;
import org.msde4j.eval.MethodResult;
import org.msde4j.math.Matrices;
import org.msde4j.math.Sampling;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The figures msde4j draws, as tablesaw-jsplot {@link Figure}s: ROC and PR curves, score
 * histograms per class, the latent-shift plot, and a metric against a setting; and the latent shift
 * iteration by iteration as an {@link AnimatedFigure}. Render them with {@link HtmlReport},
 * {@link #html(Figure, String)}, or in a notebook with {@link NotebookHtml}.
 */
public final class Plots {

    /** Colour of normal samples. */
    static final String NORMAL = "#1f77b4";
    /** Colour of anomalies. */
    static final String ANOMALY = "#d62728";
    /** Line colours, Plotly's default sequence (hex, so that a two-digit alpha can be appended). */
    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};

    private Plots() {
    }

    /** ROC curves, one per method, with the chance diagonal. */
    public static Figure roc(String title, Map<String, Curve> curves) {
        List<Trace> traces = new ArrayList<>();
        traces.add(dashed(new double[] {0, 1}, new double[] {0, 1}, "chance"));
        curves.forEach((name, c) -> traces.add(line(c.x(), c.y(), name)));
        return new Figure(layout(title, "false-positive rate", "true-positive rate", true), traces.toArray(Trace[]::new));
    }

    /** Precision–recall curves, one per method, with the prevalence line (precision of a random ranking). */
    public static Figure precisionRecall(String title, Map<String, Curve> curves, double prevalence) {
        List<Trace> traces = new ArrayList<>();
        traces.add(dashed(new double[] {0, 1}, new double[] {prevalence, prevalence}, "random (prevalence)"));
        curves.forEach((name, c) -> traces.add(line(c.x(), c.y(), name)));
        return new Figure(layout(title, "recall", "precision", true), traces.toArray(Trace[]::new));
    }

    /** ROC curves of several methods' results on one test set, each named with its AUROC. */
    public static Figure roc(String title, List<MethodResult> results) {
        Map<String, Curve> curves = new LinkedHashMap<>();
        results.forEach(r -> curves.put(labelled(r, r.auroc().estimate()), r.roc()));
        return roc(title, curves);
    }

    /** Precision–recall curves of several methods' results on one test set, each named with its AP. */
    public static Figure precisionRecall(String title, List<MethodResult> results) {
        Map<String, Curve> curves = new LinkedHashMap<>();
        results.forEach(r -> curves.put(labelled(r, r.ap().estimate()), r.precisionRecall()));
        MethodResult first = results.get(0);
        return precisionRecall(title, curves, first.anomalies() / (double) first.testRows());
    }

    private static String labelled(MethodResult r, double metric) {
        return String.format(Locale.ROOT, "%s (%.3f)", r.method().label(), metric);
    }

    /** Overlaid histograms of the scores of normal (label 0) and anomalous (label 1) samples. */
    public static Figure scoreHistogram(String title, double[] scores, int[] labels) {
        List<Double> normal = new ArrayList<>();
        List<Double> anomalous = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            (labels[i] == 1 ? anomalous : normal).add(scores[i]);
        }
        Layout layout = Layout.builder().title(title).barMode(Layout.BarMode.OVERLAY).height(380).width(560)
                .xAxis(Axis.builder().title("anomaly score").build())
                .yAxis(Axis.builder().title("images").build()).build();
        return new Figure(layout,
                HistogramTrace.builder(rounded(unbox(normal))).name("normal (" + normal.size() + ")").opacity(0.6)
                        .marker(Marker.builder().color(NORMAL).build()).build(),
                HistogramTrace.builder(rounded(unbox(anomalous))).name("anomaly (" + anomalous.size() + ")").opacity(0.6)
                        .marker(Marker.builder().color(ANOMALY).build()).build());
    }

    /**
     * What MSDE does to the embedding cloud: both point sets projected on the first two principal
     * components of {@code before}, an arrow from each point's position before the shift to its
     * position after, normals and anomalies in two colours.
     *
     * @param before rows before the shift (standardised embeddings)
     * @param after  the same rows after the shift
     * @param labels 0 normal, 1 anomaly (for training rows, 0)
     */
    public static Figure latentShift(String title, double[][] before, double[][] after, int[] labels) {
        Pca pca = Pca.fit(before, 2);
        double[][] b = pca.transform(before);
        double[][] a = pca.transform(after);
        List<Trace> traces = new ArrayList<>();
        for (int cls = 0; cls <= 1; cls++) {
            double[][] from = ofClass(b, labels, cls);
            double[][] to = ofClass(a, labels, cls);
            if (from.length == 0) {
                continue;
            }
            String colour = cls == 1 ? ANOMALY : NORMAL;
            String name = cls == 1 ? "anomaly" : "normal";
            traces.add(points(from, name + " before", colour, 0.25));
            traces.add(arrows(from, to, name + " shift", colour));
            traces.add(points(to, name + " after", colour, 0.9));
        }
        return new Figure(layout(title, "PC 1 (before the shift)", "PC 2", false), traces.toArray(Trace[]::new));
    }

    /** {@link #latentShift} of at most {@code maxPoints} rows, a sample drawn with a fixed seed. */
    public static Figure latentShift(String title, double[][] before, double[][] after, int[] labels, int maxPoints) {
        int[] rows = sample(labels.length, maxPoints);
        return latentShift(title, Matrices.rows(before, rows), Matrices.rows(after, rows), pick(labels, rows));
    }

    /**
     * MSDE's shift iteration by iteration: frame t shows the points after t iterations (frame 0:
     * before the shift), projected on the first two principal components of their positions before
     * the shift; each point is coloured by its density weight, normals as circles, anomalies as
     * diamonds, with a line back to where it started. At most {@code maxPoints} rows are drawn (a
     * sample drawn with a fixed seed); all rows took part in the shift.
     *
     * @param positions positions before the shift, then after each iteration (standardised rows)
     * @param weights   density weight of each row
     * @param labels    0 normal, 1 anomaly
     */
    public static AnimatedFigure latentShiftAnimation(String title, List<double[][]> positions, double[] weights,
                                                      int[] labels, int maxPoints) {
        int[] rows = sample(labels.length, maxPoints);
        double[][] start = Matrices.rows(positions.get(0), rows);
        Pca pca = Pca.fit(start, 2);
        double[][] origin = pca.transform(start);
        int[] l = pick(labels, rows);
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            w[i] = weights[rows[i]];
        }
        double min = Arrays.stream(w).min().orElse(0);
        double max = Arrays.stream(w).max().orElse(1);
        AnimatedFigure figure = AnimatedFigure.titled(title, "PC 1 (before the shift)", "PC 2", "iteration ");
        for (int cls = 0; cls <= 1; cls++) {
            figure.lines((cls == 1 ? "anomaly" : "normal") + " path", cls == 1 ? ANOMALY : NORMAL, 1, 0.35);
        }
        for (int cls = 0; cls <= 1; cls++) {
            figure.markersColouredBy(cls == 1 ? "anomaly" : "normal", cls == 1 ? "diamond" : "circle",
                    cls == 1 ? ANOMALY : NORMAL, ofClass(w, l, cls), min, max, cls == 0 ? "density weight" : null);
        }
        for (int t = 0; t < positions.size(); t++) {
            double[][] now = pca.transform(Matrices.rows(positions.get(t), rows));
            double[][][] data = new double[4][][];
            for (int cls = 0; cls <= 1; cls++) {
                double[][] from = ofClass(origin, l, cls);
                double[][] to = ofClass(now, l, cls);
                data[cls] = arrowPaths(from, to, false);
                data[2 + cls] = new double[][] {column(to, 0), column(to, 1)};
            }
            figure.frame(String.valueOf(t), data);
        }
        return figure;
    }

    /** A metric (e.g. AUROC) against a setting (e.g. k), one line per entry of {@code lines}: {x, y}. */
    public static Figure metricAgainst(String title, String setting, String metric, Map<String, double[][]> lines) {
        List<Trace> traces = new ArrayList<>();
        lines.forEach((name, xy) -> traces.add(ScatterTrace.builder(xy[0], xy[1])
                .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).build()));
        return new Figure(layout(title, setting, metric, false), traces.toArray(Trace[]::new));
    }

    /**
     * One line of {@link #metricAgainst}: a metric at each setting with the bounds of its interval.
     *
     * @param x        the settings (e.g. prevalences), ascending
     * @param estimate the metric at each setting
     * @param lower    lower interval bound at each setting
     * @param upper    upper interval bound at each setting
     */
    public record Series(double[] x, double[] estimate, double[] lower, double[] upper) {
        public Series {
            if (estimate.length != x.length || lower.length != x.length || upper.length != x.length) {
                throw new IllegalArgumentException("a series needs one estimate and one interval per setting; got "
                        + x.length + " settings, " + estimate.length + " estimates, " + lower.length + " lower and "
                        + upper.length + " upper bounds.");
            }
        }
    }

    /**
     * A metric (e.g. AUROC) against a setting (e.g. prevalence), one line per method, each with its
     * interval as a shaded band of the same colour; clicking a legend entry hides line and band.
     *
     * @param logX whether the setting axis is logarithmic (for settings that span decades, such as
     *             prevalences 0.01–0.5 or batch sizes 1–1000)
     */
    public static Figure metricAgainst(String title, String setting, String metric, boolean logX,
                                       Map<String, Series> lines) {
        List<Trace> traces = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Series> e : lines.entrySet()) {
            String colour = PALETTE[index++ % PALETTE.length];
            Series s = e.getValue();
            traces.add(ScatterTrace.builder(s.x(), s.upper()).mode(ScatterTrace.Mode.LINE).name(e.getKey() + " upper")
                    .legendGroup(e.getKey()).showLegend(false).line(Line.builder().color(colour).width(0).build()).build());
            traces.add(ScatterTrace.builder(s.x(), s.lower()).mode(ScatterTrace.Mode.LINE).name(e.getKey() + " lower")
                    .legendGroup(e.getKey()).showLegend(false).line(Line.builder().color(colour).width(0).build())
                    .fill(ScatterTrace.Fill.TO_NEXT_Y).fillColor(colour + "26").build());
            traces.add(ScatterTrace.builder(s.x(), s.estimate()).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey())
                    .legendGroup(e.getKey()).line(Line.builder().color(colour).build())
                    .marker(Marker.builder().color(colour).build()).build());
        }
        Axis.AxisBuilder x = Axis.builder().title(setting);
        if (logX) {
            x.type(Axis.Type.LOG);
        }
        Layout layout = Layout.builder().title(title).height(420).width(560).xAxis(x.build())
                .yAxis(Axis.builder().title(metric + " (95 % interval shaded)").build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /**
     * The figures of one setting of a deployment study, one line per method: AUROC, AUROC gain over
     * GDE (when measured) and AP against the setting, on a logarithmic axis, with interval bands.
     *
     * @param title   prefix of the figure titles, e.g. the dataset
     * @param setting {@link DeploymentStudy#PREVALENCE} or {@link DeploymentStudy#BATCH_SIZE}
     * @param rows    study rows; those of other settings are ignored
     */
    public static List<Figure> deploymentStudy(String title, String setting, List<DeploymentStudy.Row> rows) {
        List<DeploymentStudy.Row> mine = rows.stream().filter(r -> r.setting().equals(setting))
                .sorted(Comparator.comparingDouble(DeploymentStudy.Row::value)).toList();
        List<Figure> out = new ArrayList<>();
        if (mine.isEmpty()) {
            return out;
        }
        out.add(metricAgainst(title + ": AUROC against " + setting, setting, "AUROC", true,
                series(mine, DeploymentStudy.Row::auroc)));
        Map<String, Series> gain = series(mine, DeploymentStudy.Row::aurocGain);
        if (!gain.isEmpty()) {
            out.add(metricAgainst(title + ": AUROC gain over GDE against " + setting, setting, "AUROC − AUROC of GDE",
                    true, gain));
        }
        out.add(metricAgainst(title + ": AP against " + setting, setting, "AP", true, series(mine, DeploymentStudy.Row::ap)));
        return out;
    }

    /** One series per method (in {@link BuiltInMethod} order) of the rows whose interval is present. */
    private static Map<String, Series> series(List<DeploymentStudy.Row> rows, Function<DeploymentStudy.Row, Interval> metric) {
        Map<String, Series> out = new LinkedHashMap<>();
        for (BuiltInMethod m : BuiltInMethod.values()) {
            List<Interval> values = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            for (DeploymentStudy.Row r : rows) {
                if (r.method() == m && metric.apply(r) != null) {
                    values.add(metric.apply(r));
                    x.add(r.value());
                }
            }
            if (!values.isEmpty()) {
                out.put(m.label(), new Series(x.stream().mapToDouble(Double::doubleValue).toArray(),
                        values.stream().mapToDouble(Interval::estimate).toArray(),
                        values.stream().mapToDouble(Interval::lower).toArray(),
                        values.stream().mapToDouble(Interval::upper).toArray()));
            }
        }
        return out;
    }

    /** The figure as an HTML fragment: a {@code div} and the script that draws into it (needs plotly.js loaded). */
    public static String html(Figure figure, String id) {
        return figure.divString(id) + figure.asJavascript(id);
    }

    private static Layout layout(String title, String x, String y, boolean unitSquare) {
        Axis.AxisBuilder xb = Axis.builder().title(x);
        Axis.AxisBuilder yb = Axis.builder().title(y);
        if (unitSquare) {
            xb.range(0, 1);
            yb.range(0, 1.02);
        }
        return Layout.builder().title(title).height(420).width(560).xAxis(xb.build()).yAxis(yb.build()).build();
    }

    private static ScatterTrace line(double[] x, double[] y, String name) {
        return ScatterTrace.builder(rounded(x), rounded(y)).mode(ScatterTrace.Mode.LINE).name(name).build();
    }

    private static ScatterTrace dashed(double[] x, double[] y, String name) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name)
                .line(Line.builder().color("#999999").dash(Line.Dash.DASH).build()).build();
    }

    private static ScatterTrace points(double[][] p, String name, String colour, double opacity) {
        return ScatterTrace.builder(rounded(column(p, 0)), rounded(column(p, 1))).mode(ScatterTrace.Mode.MARKERS).name(name)
                .opacity(opacity).marker(Marker.builder().color(colour).size(5).build()).build();
    }

    /**
     * Arrows as one line trace: each arrow is its shaft and a two-stroke head, separated from the
     * next by a gap (NaN), so thousands of arrows cost one trace.
     */
    private static ScatterTrace arrows(double[][] from, double[][] to, String name, String colour) {
        double[][] path = arrowPaths(from, to, true);
        return ScatterTrace.builder(rounded(path[0]), rounded(path[1])).mode(ScatterTrace.Mode.LINE).name(name).opacity(0.5)
                .line(Line.builder().color(colour).width(1).build()).build();
    }

    /**
     * The x and y coordinates of one polyline that draws an arrow from each {@code from[i]} to
     * {@code to[i]} (2-D points): the shaft, then, with {@code heads}, two strokes at the tip of length
     * min(12 % of the longest arrow, 40 % of this one), each piece ended by a gap (NaN).
     */
    static double[][] arrowPaths(double[][] from, double[][] to, boolean heads) {
        double span = 0;
        for (int i = 0; i < from.length; i++) {
            span = Math.max(span, Math.hypot(to[i][0] - from[i][0], to[i][1] - from[i][1]));
        }
        double head = 0.12 * span;
        int per = heads ? 7 : 3;
        double[] x = new double[from.length * per];
        double[] y = new double[from.length * per];
        Arrays.fill(x, Double.NaN);
        Arrays.fill(y, Double.NaN);
        for (int i = 0; i < from.length; i++) {
            double[] f = from[i];
            double[] t = to[i];
            int o = i * per;
            x[o] = f[0];
            y[o] = f[1];
            x[o + 1] = t[0];
            y[o + 1] = t[1];
            if (heads) {
                double angle = Math.atan2(t[1] - f[1], t[0] - f[0]);
                double len = Math.min(head, 0.4 * Math.hypot(t[0] - f[0], t[1] - f[1]));
                x[o + 3] = t[0] + len * Math.cos(angle + 2.7);
                y[o + 3] = t[1] + len * Math.sin(angle + 2.7);
                x[o + 4] = t[0];
                y[o + 4] = t[1];
                x[o + 5] = t[0] + len * Math.cos(angle - 2.7);
                y[o + 5] = t[1] + len * Math.sin(angle - 2.7);
            }
        }
        return new double[][] {x, y};
    }

    /** Up to {@code max} of the indices 0..n−1, drawn with a fixed seed (all of them, in order, when n ≤ max). */
    static int[] sample(int n, int max) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        return n <= max ? all : Sampling.withoutReplacement(all, max, new Random(1));
    }

    private static int[] pick(int[] values, int[] which) {
        return Arrays.stream(which).map(i -> values[i]).toArray();
    }

    private static double[][] ofClass(double[][] rows, int[] labels, int cls) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                out.add(rows[i]);
            }
        }
        return out.toArray(double[][]::new);
    }

    private static double[] ofClass(double[] values, int[] labels, int cls) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                out.add(values[i]);
            }
        }
        return unbox(out);
    }

    private static double[] column(double[][] rows, int c) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /**
     * {@code v} to five significant digits (NaN and infinities kept): finer than any screen shows, and
     * it keeps figures that carry their data in a page or notebook small.
     */
    static double rounded(double v) {
        return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(new MathContext(5)).doubleValue() : v;
    }

    private static double[] rounded(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rounded(values[i]);
        }
        return out;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
