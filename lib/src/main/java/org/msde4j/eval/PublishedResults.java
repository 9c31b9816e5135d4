package org.msde4j.eval;

import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The MSDE paper's numbers that can be checked offline — only those its abstract states (Kar,
 * Lakshmi S, Bej, "Improved Anomaly Detection in Medical Images via Mean Shift Density
 * Enhancement", arXiv:2604.19191, 2026): AUROC 0.826 and AP 0.834 averaged over its seven benchmark
 * datasets, and AUROC and AP 0.981 on brain-tumour MRI. The paper's per-dataset table is not
 * available offline, so no other number is given. Its protocol is the transductive one, with an
 * ImageNet ResNet-18 or AnatPaste encoder per dataset; results with another backbone are not
 * expected to match. This class is the one place these facts are kept.
 */
public final class PublishedResults {

    /** Where the numbers come from. */
    public static final String SOURCE = "Kar, Lakshmi S, Bej, arXiv:2604.19191 (2026), abstract";

    /** The seven benchmark datasets of the paper, as catalog ids. */
    public static final List<String> BENCHMARK = List.of("rsna", "vindr-cxr", "brain-tumor", "lag", "isic2018",
            "camelyon16", "brats2021");

    /** Mean over the seven benchmark datasets. */
    public static final Result MEAN_OF_SEVEN = new Result("mean of the seven benchmark datasets", 0.826, 0.834);

    /** The brain-tumour MRI dataset. */
    public static final Result BRAIN_TUMOR = new Result("brain-tumor", 0.981, 0.981);

    /** The method whose rows the published numbers belong beside: the paper's transductive protocol. */
    public static final BuiltInMethod PROTOCOL = BuiltInMethod.MSDE_TRANSDUCTIVE;

    private PublishedResults() {
    }

    /**
     * One published result.
     *
     * @param scope a dataset id, or what the numbers average over
     * @param auroc AUROC
     * @param ap    average precision
     */
    public record Result(String scope, double auroc, double ap) {
    }

    /** The published result of one dataset, if the abstract gives one. */
    public static Optional<Result> forDataset(String id) {
        return BRAIN_TUMOR.scope().equals(id) ? Optional.of(BRAIN_TUMOR) : Optional.empty();
    }

    /**
     * {@code results} (a {@link ResultsTable}) with two more columns, "paper AUROC" and "paper AP":
     * the published numbers on the whole-test-set row of {@link #PROTOCOL} for a dataset the abstract
     * reports, missing everywhere else.
     */
    public static Table beside(Table results) {
        Table t = results.copy();
        DoubleColumn auroc = DoubleColumn.create("paper AUROC");
        DoubleColumn ap = DoubleColumn.create("paper AP");
        for (int r = 0; r < t.rowCount(); r++) {
            Optional<Result> published = isProtocolRow(t, r)
                    ? forDataset(t.stringColumn("dataset").get(r)) : Optional.empty();
            if (published.isPresent()) {
                auroc.append(published.get().auroc());
                ap.append(published.get().ap());
            } else {
                auroc.appendMissing();
                ap.appendMissing();
            }
        }
        return t.addColumns(auroc, ap);
    }

    /**
     * Our mean over the seven benchmark datasets beside the paper's: one row with the number of
     * benchmark datasets in {@code results} (rows of {@link #PROTOCOL} on the whole test set), our
     * mean AUROC and AP when all seven are there (missing otherwise: a mean over fewer would not be
     * comparable), and the published means.
     */
    public static Table meanOfSeven(Table results) {
        double auroc = 0;
        double ap = 0;
        int found = 0;
        for (int r = 0; r < results.rowCount(); r++) {
            if (isProtocolRow(results, r) && BENCHMARK.contains(results.stringColumn("dataset").get(r))) {
                auroc += results.doubleColumn("AUROC").get(r);
                ap += results.doubleColumn("AP").get(r);
                found++;
            }
        }
        DoubleColumn ourAuroc = DoubleColumn.create("our AUROC");
        DoubleColumn ourAp = DoubleColumn.create("our AP");
        if (found == BENCHMARK.size()) {
            ourAuroc.append(auroc / found);
            ourAp.append(ap / found);
        } else {
            ourAuroc.appendMissing();
            ourAp.appendMissing();
        }
        return Table.create("mean of the seven benchmark datasets",
                StringColumn.create("scope", List.of(MEAN_OF_SEVEN.scope())),
                IntColumn.create("datasets evaluated", new int[] {found}), ourAuroc,
                DoubleColumn.create("paper AUROC", new double[] {MEAN_OF_SEVEN.auroc()}), ourAp,
                DoubleColumn.create("paper AP", new double[] {MEAN_OF_SEVEN.ap()}));
    }

    private static boolean isProtocolRow(Table t, int r) {
        return t.stringColumn("method").get(r).equals(PROTOCOL.label())
                && t.stringColumn("setting").get(r).equals(ResultsTable.WHOLE_TEST_SET);
    }
}
