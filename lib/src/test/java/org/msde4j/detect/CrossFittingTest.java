package org.msde4j.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.msde4j.msde.MsdeOptions;
import org.msde4j.testing.Synthetic;

/**
 * How many folds the cross-fitting takes, worked by hand from its rule: the smallest K ≥ the
 * requested count whose fold models keep r(K) = n − ⌈n/K⌉ ≥ minRows rows and room for the full
 * model's p components (r − 1 ≥ p), the second condition waived from K = max(requested, 10) on.
 */
class CrossFittingTest {

    @Test
    void theFoldCountKeepsEnoughRowsAndComponentsInEachFoldModel() {
        assertEquals(0, CrossFitting.folds(100, 0, 16, 10), "0 requested: an in-sample threshold");
        // n = 40: r(5) = 40 − 8 = 32, r(6) = 40 − 7 = 33, r(10) = 40 − 4 = 36, r(12) = 40 − 4 = 36.
        assertEquals(5, CrossFitting.folds(40, 5, 16, 31), "r(5) − 1 = 31 = p: just room");
        assertEquals(6, CrossFitting.folds(40, 5, 16, 32), "r(5) − 1 = 31 < 32 = p, r(6) − 1 = 32");
        assertEquals(10, CrossFitting.folds(40, 5, 16, 39), "r − 1 ≤ 38 < p for every K: the cap of 10 folds");
        assertEquals(12, CrossFitting.folds(40, 12, 16, 39), "a request above the cap is the cap");
        // n = 16, 15 rows needed: r(K) = 16 − ⌈16/K⌉ reaches 15 only at K = 16 (leave-one-out).
        assertEquals(16, CrossFitting.folds(16, 5, 15, 3));
        assertEquals(0, CrossFitting.folds(16, 5, 16, 3), "leave-one-out keeps 15 < 16 rows");
    }

    /**
     * Below 10 rows the cap is out of reach, so where no K has room for the components the rule
     * falls back to the fewest folds that keep minRows rows. (A fit never gets here: it needs at
     * least UMAP's 15 rows.) n = 9: r(2) = 4, r(3) = r(4) = 6, r(5) = … = r(8) = 7, r(9) = 8.
     */
    @Test
    void belowTenRowsTheFoldCountFallsBackToRowsAlone() {
        assertEquals(9, CrossFitting.folds(9, 2, 5, 7), "only r(9) − 1 = 7 has room for 7 components");
        assertEquals(3, CrossFitting.folds(9, 2, 6, 8), "no K has room for 8: the fewest with 6 rows");
        assertEquals(9, CrossFitting.folds(9, 2, 8, 8), "no K has room for 8: only leave-one-out keeps 8 rows");
        assertEquals(0, CrossFitting.folds(9, 2, 9, 0), "leave-one-out keeps 8 < 9 rows");
    }

    /** ⌊n/h⌋ batches of exactly h held-out rows each: 4 × 10 of 40 rows, 2 × 15 (10 rows left over). */
    @Test
    void transductiveScoresComeInWholeBatchesOfTheHeldOutSize() {
        MsdeModel model = MsdeDetector.fit(Synthetic.normals(40, 4, 0, 41),
                DetectorOptions.defaults().withMsde(MsdeOptions.defaults().withK(10).withTau(15)));
        assertEquals(40, CrossFitting.transductive(model, 10).length);
        assertEquals(30, CrossFitting.transductive(model, 15).length);
    }
}
