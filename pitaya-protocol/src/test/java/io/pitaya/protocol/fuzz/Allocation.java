package io.pitaya.protocol.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the calling thread (HotSpot's per-thread counter), so a property can state "no allocation beyond
 * the bound" exactly instead of through heap snapshots.
 */
public final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    public static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
