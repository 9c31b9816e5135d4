package org.msde4j.notebook;

import java.util.Map;

/**
 * The environment that makes libtorch run the same kernels on every x86-64 CPU, given to the
 * notebook's JVM so that a notebook's outputs do not depend on the processor that ran it.
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
 * <p>A variable the user has set is left as it is: {@code ATEN_CPU_CAPABILITY=avx2 msde-notebook …}
 * trades portability back for speed.
 */
final class PortableKernels {

    /** Variable → value: ATen, oneDNN and MKL, each at its portable baseline. */
    static final Map<String, String> PINS = Map.of("ATEN_CPU_CAPABILITY", "default", "DNNL_MAX_CPU_ISA", "SSE41",
            "MKL_CBWR", "COMPATIBLE");

    private PortableKernels() {
    }

    /** Adds to {@code environment} each pin whose variable it does not hold yet. */
    static void pinUnlessSet(Map<String, String> environment) {
        PINS.forEach(environment::putIfAbsent);
    }
}
