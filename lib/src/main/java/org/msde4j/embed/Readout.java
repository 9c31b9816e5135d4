package org.msde4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which feature maps of a {@link ResNetArchitecture} make the embedding, and how coarsely they keep
 * their layout: each tap average-pools the output of one stage onto a {@code grid × grid} grid of
 * cells and contributes {@code channels · grid²} values, the taps side by side.
 *
 * <p>Global average pooling of the last stage (the usual ResNet embedding, {@code s4g1} for four
 * stages) keeps what the image holds but not where. Pneumonia, for one, shows as brighter lung
 * fields; with cells of the earlier stages the embedding keeps where intensity and texture lie, which
 * is what let raw pixels at 16 px beat every global embedding on the chest X-rays
 * ({@code docs/embeddings.md}). This is the multi-layer, spatially pooled feature of PaDiM (Defard et
 * al., ICPR 2021) reduced to a few cells per map.
 *
 * @param taps the pooled stages, in the order their values appear
 */
public record Readout(List<Tap> taps) {

    private static final Pattern TAP = Pattern.compile("s(\\d+)g(\\d+)");

    /**
     * One pooled stage.
     *
     * @param stage 0 for the stem (after its max pool), 1… for the residual stages
     * @param grid  cells per side (1 = global average)
     */
    public record Tap(int stage, int grid) {
        public Tap {
            if (stage < 0 || grid < 1) {
                throw new IllegalArgumentException("a readout tap needs stage ≥ 0 and grid ≥ 1, got stage " + stage
                        + " and grid " + grid + ".");
            }
        }

        String key() {
            return "s" + stage + "g" + grid;
        }
    }

    public Readout {
        taps = List.copyOf(taps);
        if (taps.isEmpty()) {
            throw new IllegalArgumentException("a readout needs at least one tap.");
        }
    }

    /** The usual embedding: the last stage, globally averaged. */
    public static Readout globalAverage(ResNetArchitecture architecture) {
        return new Readout(List.of(new Tap(architecture.blocks().size(), 1)));
    }

    /** Parses a key such as {@code s2g4+s3g2+s4g1}. */
    public static Readout parse(String key) {
        List<Tap> taps = new ArrayList<>();
        for (String part : key.trim().split("\\+")) {
            Matcher m = TAP.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("readout \"" + key + "\": \"" + part + "\" is not a tap such as s2g4 "
                        + "(stage 2 pooled onto 4 × 4 cells); join taps with +.");
            }
            taps.add(new Tap(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return new Readout(taps);
    }

    /** The canonical text, e.g. {@code s2g4+s3g2+s4g1}. */
    public String key() {
        return String.join("+", taps.stream().map(Tap::key).toList());
    }

    /** Values per image for {@code architecture}. */
    public int dimension(ResNetArchitecture architecture) {
        return taps.stream().mapToInt(t -> architecture.stageChannels(t.stage()) * t.grid() * t.grid()).sum();
    }

    /**
     * Checks the taps against the network and input size: every stage exists and its feature map
     * divides into the grid.
     */
    public void check(ResNetArchitecture architecture, int inputSize) {
        for (Tap t : taps) {
            if (t.stage() > architecture.blocks().size()) {
                throw new IllegalArgumentException("readout " + key() + ": the network has stages 0–"
                        + architecture.blocks().size() + ", not " + t.stage() + ".");
            }
            int side = architecture.stageSide(t.stage(), inputSize);
            if (side % t.grid() != 0) {
                throw new IllegalArgumentException("readout " + key() + ": stage " + t.stage() + " is " + side + " × "
                        + side + " at " + inputSize + " px, which does not divide into " + t.grid() + " × " + t.grid()
                        + " cells; choose a grid that divides " + side + " or another input size.");
            }
        }
    }
}
