package org.msde4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment that makes libtorch run the same kernels on every x86-64 CPU, so that a trained
 * backbone, and every figure computed from it, does not depend on the processor that ran it. The
 * notebook runner gives it to the notebook's JVM; the {@code ./jbang} wrapper exports it for the
 * scripts (unless {@code MSDE4J_CPU_KERNELS=native}); {@code run.json} records what a run had.
 *
 * <p>libtorch picks its kernels by the instructions a CPU offers: ATen's vectorised operators
 * (AVX-512, AVX2 or plain), oneDNN's convolutions (code generated for the widest vector unit) and
 * MKL's matrix products (a code path per processor family). Each sums in another order, so the last
 * bits of a training step differ, and 30 epochs of self-supervised training turn that into another
 * backbone: notebook 01's inductive MSDE AUROC was 0.824, 0.785 and 0.769 on three AMD EPYC machines
 * (the last two of families 26 and 25), each reproducible on its own machine; on the last, pinning any
 * one of the three libraries below alone gave 0.797–0.801 or 0.758. The three variables pin the
 * portable baseline each library documents: ATen's {@code default} capability, oneDNN's SSE4.1 code
 * and MKL's conditional numerical reproducibility in {@code COMPATIBLE} mode. They cost speed
 * (training took 1.8× as long on that machine) and are read once, when libtorch loads, which is why
 * they must be in the environment of the process rather than set from Java.
 *
 * <p>Measured across processors: notebook 01 run with these pins on an AMD EPYC of family 26 (Zen 5,
 * AVX-512) printed the same losses and AUROCs, to the last digit shown, as on the family-25 machine
 * (Zen 3, AVX2) its committed outputs come from.
 *
 * <p>A variable the user has set is left as it is: {@code ATEN_CPU_CAPABILITY=avx2 msde-notebook …}
 * trades portability back for speed.
 */
public final class PortableKernels {

    /** Variable → value: ATen, oneDNN and MKL, each at its portable baseline. */
    public static final Map<String, String> PINS = Map.of("ATEN_CPU_CAPABILITY", "default", "DNNL_MAX_CPU_ISA", "SSE41",
            "MKL_CBWR", "COMPATIBLE");

    private PortableKernels() {
    }

    /** Adds to {@code environment} each pin whose variable it does not hold yet. */
    public static void pinUnlessSet(Map<String, String> environment) {
        PINS.forEach(environment::putIfAbsent);
    }

    /**
     * What {@code environment} makes libtorch run: {@code portable} when it holds every pin,
     * {@code the CPU's own} when it holds none of the three variables, else the variables it sets.
     */
    public static String describe(Map<String, String> environment) {
        Map<String, String> set = new TreeMap<>();
        PINS.keySet().forEach(name -> {
            if (environment.containsKey(name)) {
                set.put(name, environment.get(name));
            }
        });
        if (set.isEmpty()) {
            return "the CPU's own";
        }
        if (set.equals(new TreeMap<>(PINS))) {
            return "portable";
        }
        List<String> parts = new ArrayList<>();
        set.forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(", ", parts);
    }
}
