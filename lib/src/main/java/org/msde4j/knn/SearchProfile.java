package org.msde4j.knn;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time an {@link ExactKnn} spent in each phase of its searches, for benchmarks: attach one with
 * {@link ExactKnn#profiled(SearchProfile)}. Safe to share between threads.
 */
public final class SearchProfile {

    /** The phases of one search, in the order they run. */
    public enum Phase {
        /** Copying the rows to float32 with their norms, and loading them into the backend. */
        OPERANDS,
        /** Heap ceilings from the products with a sample of rows. */
        CEILINGS,
        /** The backend's float32 products (tiles of squared distances). */
        PRODUCTS,
        /** Reading each tile into the candidate lists. */
        SCAN,
        /** Picking the k nearest from the candidate lists, settling the uncertain band in double precision. */
        BAND,
        /** Searching again the rows whose ceiling was too low to certify their neighbours. */
        RESCUE
    }

    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
    private final Map<Phase, LongAdder> cpuNanos = new EnumMap<>(Phase.class);
    private final LongAdder searches = new LongAdder();
    private final LongAdder bandRows = new LongAdder();
    private final LongAdder rescued = new LongAdder();

    /** An empty profile. */
    public SearchProfile() {
        for (Phase p : Phase.values()) {
            nanos.put(p, new LongAdder());
            cpuNanos.put(p, new LongAdder());
        }
    }

    void add(Phase phase, long nanoseconds, long cpuNanoseconds) {
        nanos.get(phase).add(nanoseconds);
        cpuNanos.get(phase).add(cpuNanoseconds);
    }

    /**
     * CPU time of the whole process so far, all threads (the backend's native ones too), in
     * nanoseconds; 0 where the JVM cannot tell. Phases run one after the other, so the difference
     * over a phase is its CPU time: a measure that, unlike wall time, hardly depends on how busy the
     * machine is. On Linux the JVM reads it in clock ticks of 10 ms, so a phase shorter than that may
     * count 0 or a whole tick.
     */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    void countSearch() {
        searches.increment();
    }

    void countBand(int rows) {
        bandRows.add(rows);
    }

    void countRescued(int rows) {
        rescued.add(rows);
    }

    /** Seconds spent in {@code phase} so far. */
    public double seconds(Phase phase) {
        return nanos.get(phase).sum() / 1e9;
    }

    /** CPU seconds (all threads of the process) spent in {@code phase} so far. */
    public double cpuSeconds(Phase phase) {
        return cpuNanos.get(phase).sum() / 1e9;
    }

    /** Searches run so far. */
    public long searches() {
        return searches.sum();
    }

    /** Candidates ranked by exact distance because their float32 distance was too close to call. */
    public long bandRows() {
        return bandRows.sum();
    }

    /** Query rows searched a second time because their list could not certify the result. */
    public long rescued() {
        return rescued.sum();
    }
}
