package org.msde4j.testing;

import java.util.ArrayList;
import java.util.List;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.image.ImageRef;

/** Lists of synthetic brain-MRI slices ({@link SyntheticBrainMri}) as lazily rendered array entries. */
public final class BrainSlices {

    private BrainSlices() {
    }

    /**
     * {@code n} slices named {@code name[i]}, slice i drawn from seed {@code seed + i}.
     *
     * @param tumour null for normal slices, else the tumours' difficulty
     */
    public static List<ImageRef> set(String name, int n, int size, long seed, Difficulty tumour) {
        List<ImageRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long s = seed * 1_000_003L + i;
            refs.add(new ImageRef.Array(name, i, () -> tumour == null
                    ? SyntheticBrainMri.normalSlice(size, s)
                    : SyntheticBrainMri.tumourSlice(size, s, tumour)));
        }
        return refs;
    }
}
