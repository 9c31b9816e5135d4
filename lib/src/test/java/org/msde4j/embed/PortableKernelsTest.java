package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortableKernelsTest {

    @Test
    void theEnvironmentIsDescribedAsPortableNativeOrByWhatItSets() {
        assertEquals("the CPU's own", PortableKernels.describe(Map.of("PATH", "/bin")));
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/bin"));
        PortableKernels.pinUnlessSet(env);
        assertEquals("portable", PortableKernels.describe(env));
        assertEquals("ATEN_CPU_CAPABILITY=avx2, MKL_CBWR=COMPATIBLE",
                PortableKernels.describe(Map.of("ATEN_CPU_CAPABILITY", "avx2", "MKL_CBWR", "COMPATIBLE")));
    }
}
