package org.msde4j.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.msde4j.density.Pca;
import org.msde4j.eval.Curve;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Interval;
import org.msde4j.eval.Method;
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
 * histograms per class, the latent-shift plot, and a metric against a setting. Render them with
 * {@link HtmlReport} or {@link #html(Figure, String)}.
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
                HistogramTrace.builder(unbox(normal)).name("normal (" + normal.size() + ")").opacity(0.6)
                        .marker(Marker.builder().color(NORMAL).build()).build(),
                HistogramTrace.builder(unbox(anomalous)).name("anomaly (" + anomalous.size() + ")").opacity(0.6)
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
            List<double[]> from = new ArrayList<>();
            List<double[]> to = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cls) {
                    from.add(b[i]);
                    to.add(a[i]);
                }
            }
            if (from.isEmpty()) {
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

    /** One series per method (in {@link Method} order) of the rows whose interval is present. */
    private static Map<String, Series> series(List<DeploymentStudy.Row> rows, Function<DeploymentStudy.Row, Interval> metric) {
        Map<String, Series> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
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
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).build();
    }

    private static ScatterTrace dashed(double[] x, double[] y, String name) {
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name)
                .line(Line.builder().color("#999999").dash(Line.Dash.DASH).build()).build();
    }

    private static ScatterTrace points(List<double[]> p, String name, String colour, double opacity) {
        double[] x = new double[p.size()];
        double[] y = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.get(i)[0];
            y[i] = p.get(i)[1];
        }
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(name).opacity(opacity)
                .marker(Marker.builder().color(colour).size(5).build()).build();
    }

    /**
     * Arrows as one line trace: each arrow is its shaft and a two-stroke head, separated from the
     * next by a gap (NaN), so thousands of arrows cost one trace.
     */
    private static ScatterTrace arrows(List<double[]> from, List<double[]> to, String name, String colour) {
        double span = 0;
        for (int i = 0; i < from.size(); i++) {
            span = Math.max(span, Math.hypot(to.get(i)[0] - from.get(i)[0], to.get(i)[1] - from.get(i)[1]));
        }
        double head = 0.12 * span;
        int per = 8;
        double[] x = new double[from.size() * per];
        double[] y = new double[from.size() * per];
        for (int i = 0; i < from.size(); i++) {
            double[] f = from.get(i);
            double[] t = to.get(i);
            double angle = Math.atan2(t[1] - f[1], t[0] - f[0]);
            double len = Math.min(head, 0.4 * Math.hypot(t[0] - f[0], t[1] - f[1]));
            int o = i * per;
            x[o] = f[0];
            y[o] = f[1];
            x[o + 1] = t[0];
            y[o + 1] = t[1];
            x[o + 2] = Double.NaN;
            y[o + 2] = Double.NaN;
            x[o + 3] = t[0] + len * Math.cos(angle + 2.7);
            y[o + 3] = t[1] + len * Math.sin(angle + 2.7);
            x[o + 4] = t[0];
            y[o + 4] = t[1];
            x[o + 5] = t[0] + len * Math.cos(angle - 2.7);
            y[o + 5] = t[1] + len * Math.sin(angle - 2.7);
            x[o + 6] = Double.NaN;
            y[o + 6] = Double.NaN;
            x[o + 7] = Double.NaN;
            y[o + 7] = Double.NaN;
        }
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).opacity(0.5)
                .line(Line.builder().color(colour).width(1).build()).build();
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
