package org.msde4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.msde4j.io.Csv;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Results of evaluations as a Tablesaw table, Markdown and CSV; {@link #json} prints the JSON files of a run. */
public final class ResultsTable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsTable() {
    }

    /** Column of a study row's AUROC gain over GDE with its paired 95 % interval. */
    public static final String GAIN = "AUROC gain vs GDE [95% CI]";

    /** Setting of the rows measured on the whole test split. */
    public static final String WHOLE_TEST_SET = "whole test set";

    /** Column of a local method's pixel AUROC. */
    public static final String PIXEL_AUROC = "pixel AUROC";
    /** Column of a local method's AUPRO (to FPR 0.3). */
    public static final String AUPRO = "AUPRO";
    /** Column of how many abnormal test images have masks, e.g. "150/200". */
    public static final String MASKS = "masks";

    /**
     * One row per (dataset, method): AUROC and AP with 95 % intervals, sizes and timings; for local
     * methods the AUROC gain over GDE on the same test images (paired bootstrap, when GDE ran) and, on
     * datasets with masks, pixel AUROC, AUPRO and the abnormal test images with masks.
     */
    public static Table of(List<MethodResult> results) {
        Table t = Table.create("results",
                StringColumn.create("dataset"), StringColumn.create("setting"), StringColumn.create("method"),
                DoubleColumn.create("AUROC"), StringColumn.create("AUROC 95% CI"),
                DoubleColumn.create("AP"), StringColumn.create("AP 95% CI"),
                IntColumn.create("n_train"), IntColumn.create("n_test"), IntColumn.create("anomalies"),
                DoubleColumn.create("fit s"), DoubleColumn.create("score s"), StringColumn.create(GAIN),
                DoubleColumn.create(PIXEL_AUROC), DoubleColumn.create(AUPRO), StringColumn.create(MASKS));
        for (MethodResult r : results) {
            t.stringColumn("dataset").append(r.dataset());
            t.stringColumn("setting").append(WHOLE_TEST_SET);
            t.stringColumn("method").append(r.method().label());
            t.doubleColumn("AUROC").append(round(r.auroc().estimate(), 4));
            t.stringColumn("AUROC 95% CI").append(ci(r.auroc()));
            t.doubleColumn("AP").append(round(r.ap().estimate(), 4));
            t.stringColumn("AP 95% CI").append(ci(r.ap()));
            t.intColumn("n_train").append(r.trainRows());
            t.intColumn("n_test").append(r.testRows());
            t.intColumn("anomalies").append(r.anomalies());
            t.doubleColumn("fit s").append(round(r.fitSeconds(), 2));
            t.doubleColumn("score s").append(round(r.scoreSeconds(), 2));
            t.stringColumn(GAIN).append(r.method().local() ? gainOverGde(r, results) : "");
            PixelResult p = r.pixel();
            if (p == null) {
                t.doubleColumn(PIXEL_AUROC).appendMissing();
                t.doubleColumn(AUPRO).appendMissing();
                t.stringColumn(MASKS).append("");
            } else {
                t.doubleColumn(PIXEL_AUROC).append(round(p.auroc(), 4));
                t.doubleColumn(AUPRO).append(round(p.aupro(), 4));
                t.stringColumn(MASKS).append(p.maskedAbnormal() + "/" + p.abnormal());
            }
        }
        return t;
    }

    /**
     * The table with the rows of a deployment study appended (setting "prevalence 0.05", "batch size
     * 10", …; sizes per repeat; no timings; the AUROC gain over GDE, blank for the whole-test-set rows).
     */
    public static Table withStudy(Table table, List<DeploymentStudy.Row> study) {
        Table t = table.copy();
        for (DeploymentStudy.Row r : study) {
            t.stringColumn("dataset").append(r.dataset());
            t.stringColumn("setting").append(r.setting() + " " + (r.setting().equals(DeploymentStudy.BATCH_SIZE)
                    ? String.valueOf((int) r.value()) : String.valueOf(r.value())));
            t.stringColumn("method").append(r.method().label());
            t.doubleColumn("AUROC").append(round(r.auroc().estimate(), 4));
            t.stringColumn("AUROC 95% CI").append(ci(r.auroc()));
            t.doubleColumn("AP").append(round(r.ap().estimate(), 4));
            t.stringColumn("AP 95% CI").append(ci(r.ap()));
            t.intColumn("n_train").appendMissing();
            t.intColumn("n_test").append(r.testRows());
            t.intColumn("anomalies").append(r.anomalies());
            t.doubleColumn("fit s").appendMissing();
            t.doubleColumn("score s").appendMissing();
            Interval g = r.aurocGain();
            t.stringColumn(GAIN).append(g == null ? "" : gain(g));
            t.doubleColumn(PIXEL_AUROC).appendMissing();
            t.doubleColumn(AUPRO).appendMissing();
            t.stringColumn(MASKS).append("");
        }
        return t;
    }

    /**
     * AUROC of {@code r} minus AUROC of GDE on the same dataset and test images, with a paired 95 %
     * bootstrap interval (1000 replicates, seed 42); empty when GDE did not run.
     */
    private static String gainOverGde(MethodResult r, List<MethodResult> all) {
        for (MethodResult g : all) {
            if (g.method() == BuiltInMethod.GDE && g.dataset().equals(r.dataset()) && Arrays.equals(g.labels(), r.labels())) {
                Interval d = Bootstrap.pairedDifference(r.scores(), g.scores(), r.labels(), Metrics::auroc,
                        Bootstrap.DEFAULT_REPLICATES, 0.95, 42);
                return gain(d);
            }
        }
        return "";
    }

    private static String gain(Interval g) {
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", g.estimate(), g.lower(), g.upper());
    }

    /** The table as GitHub-flavoured Markdown. */
    public static String markdown(Table t) {
        StringBuilder s = new StringBuilder("|");
        for (String c : t.columnNames()) {
            s.append(' ').append(c).append(" |");
        }
        s.append("\n|");
        for (int c = 0; c < t.columnCount(); c++) {
            s.append(t.column(c) instanceof StringColumn ? "---|" : "---:|");
        }
        for (int r = 0; r < t.rowCount(); r++) {
            s.append("\n|");
            for (int c = 0; c < t.columnCount(); c++) {
                s.append(' ').append(t.getString(r, c)).append(" |");
            }
        }
        return s.append('\n').toString();
    }

    /** The table as CSV (RFC 4180 quoting). */
    public static String csv(Table t) {
        StringBuilder s = new StringBuilder(String.join(",", t.columnNames().stream().map(Csv::field).toList()));
        for (int r = 0; r < t.rowCount(); r++) {
            s.append('\n');
            for (int c = 0; c < t.columnCount(); c++) {
                s.append(c == 0 ? "" : ",").append(Csv.field(t.column(c).getUnformattedString(r)));
            }
        }
        return s.append('\n').toString();
    }

    /** Pretty JSON text of a node. */
    public static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ci(Interval i) {
        return String.format("%.3f–%.3f", i.lower(), i.upper());
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
