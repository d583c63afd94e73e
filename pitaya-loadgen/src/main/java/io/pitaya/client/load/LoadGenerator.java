package io.pitaya.client.load;

import io.pitaya.protocol.handshake.HandshakeRequest;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A lean Pitaya load generator: one or two NIO selector threads drive every connection (TCP or WebSocket), so it
 * can share a small machine with the server it measures. See {@link LoadOptions#USAGE} and {@link Scenario}.
 *
 * <pre>
 * java -cp ... io.pitaya.client.load.LoadGenerator --url tcp://127.0.0.1:3250 --scenario request \
 *      --connections 100 --duration 30s --warmup 5s --route bench.ping --payload '{}'
 * </pre>
 *
 * Progress goes to stderr once a second; the summary goes to stdout (one JSON line with {@code --json}).
 * Exit status: 0 when the run worked, 1 when nothing connected (or no request succeeded), 2 on bad arguments
 * or too low limits.
 */
public final class LoadGenerator {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LoadOptions o;
    private final PrintStream progress;
    private final IoLoop[] loops;
    private final Histogram interval = new Histogram(1, LoopStats.HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, LoopStats.HIGHEST_MICROS, 3);
    /** One histogram per recorder, handed back to it on the next interval (no allocation per tick). */
    private final Histogram[] recycled;
    private long start;
    private long lastTick;
    private Snapshot lastSnapshot;

    private LoadGenerator(LoadOptions o, PrintStream progress, IoLoop[] loops) {
        this.o = o;
        this.progress = progress;
        this.loops = loops;
        this.recycled = new Histogram[loops.length];
    }

    public static void main(String[] args) {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        LoadResult r;
        try {
            r = run(o, o.quiet ? null : System.err);
        } catch (LimitException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("error: " + e);
            System.exit(1);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
            return;
        }
        System.out.print(o.json ? r.toJson() + System.lineSeparator() : r.toText());
        System.out.flush();
        if (o.jsonOut != null) {
            try {
                Files.writeString(o.jsonOut, r.toJson() + System.lineSeparator(),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("error: cannot write " + o.jsonOut + ": " + e);
            }
        }
        System.exit(r.ok() ? 0 : 1);
    }

    /** Runs one scenario to completion; {@code progress} (may be null) receives a line per second. */
    public static LoadResult run(LoadOptions o, PrintStream progress) throws IOException, InterruptedException {
        o.validate();
        checkLimits(o);
        InetAddress host = InetAddress.getByName(o.url.getHost());
        InetSocketAddress address = new InetSocketAddress(host, o.port());
        byte[] handshake = HandshakeRequest.of("java", "pitaya-load/0.1", "1", "0.1", Map.of()).toJson();

        IoLoop[] loops = new IoLoop[o.threads];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop(o, address, handshake, i, loops.length);
        }
        LoadGenerator g = new LoadGenerator(o, progress, loops);
        Thread[] threads = new Thread[loops.length];
        for (int i = 0; i < loops.length; i++) {
            threads[i] = new Thread(loops[i], "pitaya-load-" + i);
            threads[i].setDaemon(true);
        }
        g.start = System.nanoTime();
        g.lastTick = g.start;
        g.lastSnapshot = g.snapshot();
        for (Thread t : threads) {
            t.start();
        }
        try {
            return g.drive();
        } finally {
            for (IoLoop loop : loops) {
                loop.stop();
            }
            for (Thread t : threads) {
                t.join(5_000);
            }
        }
    }

    private LoadResult drive() throws IOException, InterruptedException {
        LoadResult r = new LoadResult();
        r.scenario = o.scenario.label();
        r.url = o.url.toString();
        r.threads = loops.length;
        r.connectionsTarget = o.connections;
        r.senders = o.scenario == Scenario.FANOUT ? o.senders : 0;

        // 1. open every connection at the configured rate, until each is up or has failed
        long connectBudget = (long) (o.connections * (double) SECOND / o.connectRate)
                + o.connectTimeout.toNanos() + 2 * SECOND;
        phase(start + connectBudget, false, () -> snapshot().unsettled == 0, this::connectingLine);
        r.connectSeconds = (System.nanoTime() - start) / 1e9;

        // 2. fanout: everybody joins the room before anyone talks
        if (o.scenario == Scenario.FANOUT) {
            phase(System.nanoTime() + o.connectTimeout.toNanos(), false, () -> {
                Snapshot s = snapshot();
                return s.joined + s.errorResponses >= s.connected;
            }, this::connectingLine);
            for (IoLoop loop : loops) {
                loop.startSenders();
            }
        }
        if (o.readyFile != null) {
            Files.createDirectories(o.readyFile.toAbsolutePath().getParent());
            Files.writeString(o.readyFile, snapshot().connected + System.lineSeparator());
        }

        // 3. warm-up (not counted), then the measured window
        if (o.scenario != Scenario.IDLE && !o.warmup.isZero() && snapshot().connected > 0) {
            long warmupStart = System.nanoTime();
            phase(warmupStart + o.warmup.toNanos(), false, null, s -> trafficLine(s, true));
            r.warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
        }
        tick(false, null); // drop what the warm-up recorded
        Snapshot base = lastSnapshot;
        long measureStart = lastTick;
        phase(measureStart + o.duration.toNanos(), true, null,
                s -> o.scenario == Scenario.IDLE ? connectingLine(s) : trafficLine(s, false));
        Snapshot end = lastSnapshot;
        r.measuredSeconds = (lastTick - measureStart) / 1e9;

        // the histograms and the counters are read a few microseconds apart; the histograms hold exactly the
        // successes of the window, so they define the count and the percentiles agree with it
        r.completed = total.getTotalCount();
        r.messagesSent = end.messagesSent - base.messagesSent;
        r.pushes = end.pushes - base.pushes;
        r.latency = total.copy();
        r.connected = end.connected;
        r.connectFailures = end.connectFailures;
        r.dropped = end.disconnects;
        r.kicks = end.kicks;
        r.errorResponses = end.errorResponses;
        r.timeouts = end.timeouts;
        r.joined = end.joined;
        for (IoLoop loop : loops) {
            if (r.firstError == null) {
                r.firstError = loop.stats.firstError;
            }
        }
        return r;
    }

    /**
     * Waits until {@code endNanos} (or until {@code done} holds), ticking once a second: histograms are
     * collected (and kept when {@code measuring}) and a progress line is printed.
     */
    private void phase(long endNanos, boolean measuring, BooleanSupplier done,
                       Function<Snapshot, String> line) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (done != null && done.getAsBoolean()) {
                tick(measuring, line);
                return;
            }
            if (now - endNanos >= 0) {
                tick(measuring, line);
                return;
            }
            long nextTick = Math.min(lastTick + SECOND, endNanos);
            if (now - nextTick >= 0) {
                tick(measuring, line);
                continue;
            }
            long wait = nextTick - now;
            TimeUnit.NANOSECONDS.sleep(done == null ? wait : Math.min(wait, POLL_NANOS));
        }
    }

    private Snapshot tickSnapshot;
    private double tickSeconds;

    private void tick(boolean measuring, Function<Snapshot, String> line) {
        long now = System.nanoTime();
        interval.reset();
        for (int i = 0; i < loops.length; i++) {
            recycled[i] = loops[i].stats.latency.getIntervalHistogram(recycled[i]);
            interval.add(recycled[i]);
        }
        if (measuring) {
            total.add(interval);
        }
        Snapshot s = snapshot();
        tickSnapshot = lastSnapshot;
        tickSeconds = (now - lastTick) / 1e9;
        lastSnapshot = s;
        lastTick = now;
        if (progress != null && line != null && tickSeconds > 0.05) {
            progress.println(String.format(Locale.ROOT, "[%ds] ", Math.round((now - start) / 1e9)) + line.apply(s));
        }
    }

    private String connectingLine(Snapshot s) {
        return String.format(Locale.ROOT, "conns %d/%d  connecting %d  dropped %d  failed %d",
                s.connected, o.connections, s.unsettled - (o.connections - s.opened), s.disconnects, s.connectFailures)
                + (o.scenario == Scenario.FANOUT ? "  joined " + s.joined : "");
    }

    private String trafficLine(Snapshot s, boolean warmup) {
        Snapshot p = tickSnapshot;
        double secs = tickSeconds;
        long errors = s.errors() - p.errors();
        String latency = interval.getTotalCount() == 0 ? "p50 -  p99 -"
                : "p50 " + LoadResult.ms(interval.getValueAtPercentile(50) / 1000.0) + "ms  p99 "
                + LoadResult.ms(interval.getValueAtPercentile(99) / 1000.0) + "ms";
        String rate;
        if (o.scenario == Scenario.FANOUT) {
            rate = String.format(Locale.ROOT, "%.0f msg/s  %.0f pushes/s",
                    (s.messagesSent - p.messagesSent) / secs, (s.pushes - p.pushes) / secs);
        } else {
            rate = String.format(Locale.ROOT, "%.0f req/s", (s.completed - p.completed) / secs);
        }
        return rate + "  " + latency + "  errors " + errors + "  conns " + s.connected + (warmup ? "  (warm-up)" : "");
    }

    private Snapshot snapshot() {
        Snapshot s = new Snapshot();
        for (IoLoop loop : loops) {
            LoopStats t = loop.stats;
            s.completed += t.completed.get();
            s.errorResponses += t.errorResponses.get();
            s.timeouts += t.timeouts.get();
            s.disconnects += t.disconnects.get();
            s.kicks += t.kicks.get();
            s.connectFailures += t.connectFailures.get();
            s.connected += t.connected.get();
            s.opened += t.opened.get();
            s.unsettled += t.unsettled.get();
            s.joined += t.joined.get();
            s.messagesSent += t.messagesSent.get();
            s.pushes += t.pushes.get();
        }
        return s;
    }

    /** Sums of every loop's counters at one instant. */
    private static final class Snapshot {
        long completed;
        long errorResponses;
        long timeouts;
        long disconnects;
        long kicks;
        long connectFailures;
        long connected;
        long opened;
        long unsettled;
        long joined;
        long messagesSent;
        long pushes;

        long errors() {
            return errorResponses + timeouts + disconnects + connectFailures;
        }
    }

    // ---- limits --------------------------------------------------------------------------------------------

    /** Too few file descriptors or ephemeral ports for the run. */
    static final class LimitException extends IllegalStateException {
        LimitException(String message) {
            super(message);
        }
    }

    /**
     * Fails early and clearly when the process may not open enough sockets. (The JVM raises its soft
     * {@code ulimit -n} to the hard limit at startup, so this sees the effective value.)
     */
    static void checkLimits(LoadOptions o) {
        long needed = o.connections + 64L;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            long open = unix.getOpenFileDescriptorCount();
            if (max - open < needed) {
                throw new LimitException(String.format(Locale.ROOT,
                        "%d connections need about %d file descriptors but this process may open only %d "
                                + "(%d already open). Raise the limit (ulimit -n %d, or the hard limit in "
                                + "/etc/security/limits.conf) for this shell and for the server's.",
                        o.connections, needed + open, max, open, Math.max(needed + open, 2 * o.connections)));
            }
        }
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            try {
                String[] parts = Files.readString(range).trim().split("\\s+");
                long ports = Long.parseLong(parts[1]) - Long.parseLong(parts[0]) + 1;
                if (o.connections > ports) {
                    throw new LimitException(o.connections + " connections to one address need as many local ports, "
                            + "but net.ipv4.ip_local_port_range allows " + ports);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof LimitException le) {
                    throw le;
                }
                // unreadable: let connect() report it
            }
        }
    }
}
