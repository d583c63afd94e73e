package io.pitaya.it.hardening;

import io.pitaya.api.Handler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

/**
 * Test-only handler: {@code memprobe.heap} answers the server's used heap after forced garbage collections, so an
 * integration test can assert how much memory hostile peers cost the server; {@code memprobe.ping} is a cheap
 * request to check that the server answers.
 */
@Handler("memprobe")
public class MemoryProbe {

    public String ping() {
        return "pong";
    }

    public Map<String, Long> heap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // the lowest of a few readings: the collector may need more than one pass
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return Map.of("used", used);
    }
}
