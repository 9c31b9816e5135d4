package org.msde4j.msde;

import java.util.ArrayList;
import java.util.List;
import org.msde4j.math.Matrices;
import org.msde4j.testing.Fixtures;
import org.msde4j.testing.Fixtures.Csv;

/** The runs recorded in {@code ../shared/fixtures/msde-reference}, for both weight rules. */
final class ReferenceCases {

    /** One MSDE run of the fixtures: its input and the folder + file suffix of its outputs. */
    record Run(String name, double[][] input, WeightRule rule, String folder, String weightSuffix,
               MsdeOptions options) {

        Csv weights() {
            return Csv.read(Fixtures.reference(folder + "/weights" + weightSuffix + ".csv"));
        }

        Csv batches() {
            return Csv.read(Fixtures.reference(folder + "/weight_batches" + weightSuffix + ".csv"));
        }

        Csv searches() {
            return Csv.read(Fixtures.reference(folder + "/radius_search" + weightSuffix + ".csv"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ReferenceCases() {
    }

    static double[][] matrix(String file, String prefix) {
        return Csv.read(Fixtures.reference(file)).matrix(prefix);
    }

    static String variant(WeightRule rule) {
        return rule == WeightRule.REFERENCE ? "reference" : "count";
    }

    /** Every run with a weight computation, for every weight rule. */
    static List<Run> weightRuns() {
        List<Run> runs = new ArrayList<>();
        MsdeOptions medical = MsdeOptions.reference();
        for (WeightRule rule : WeightRule.values()) {
            String v = variant(rule);
            MsdeOptions o = medical.withWeightRule(rule);
            for (String setting : new String[] {"medical-settings", "tabular-defaults"}) {
                runs.add(new Run("tabular/" + setting + "/" + v, matrix("tabular-small/input_x.csv", "x"), rule,
                        "tabular-small/" + setting + "/" + v, "", tabularOptions(setting, rule)));
            }
            double[][] train = matrix("medical-small/train_std.csv", "x");
            double[][] test = matrix("medical-small/test_std.csv", "x");
            runs.add(new Run("medical/train/" + v, train, rule, "medical-small/" + v, "_train", o));
            runs.add(new Run("medical/union/" + v, Matrices.stack(train, test), rule, "medical-small/" + v, "_union", o));
            runs.add(new Run("edge/n40/" + v, matrix("edge-batches/n40_input_x.csv", "x"), rule,
                    "edge-batches/" + v, "_n40", o));
            runs.add(new Run("edge/n257/" + v, matrix("edge-batches/n257_input_x.csv", "x"), rule,
                    "edge-batches/" + v, "_n257", o));
        }
        return runs;
    }

    static MsdeOptions tabularOptions(String setting, WeightRule rule) {
        MsdeOptions o = MsdeOptions.reference().withWeightRule(rule);
        return setting.equals("medical-settings") ? o
                : o.withK(100).withEta(0.1).withMaxIterations(6).withTolerance(0.003);
    }
}
