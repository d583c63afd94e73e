package io.pitaya.client.load;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The outcome of a run. Request/message/push counts and latencies cover the measured window only (after the
 * warm-up); connection and error counts cover the whole run, so nothing that went wrong early is hidden.
 */
public final class LoadResult {

    String scenario;
    String url;
    int threads;
    int connectionsTarget;
    /** Open, handshaken connections when the measurement ended. */
    long connected;
    long connectFailures;
    /** Connections lost after their handshake (closed or reset by the server), kicks included. */
    long dropped;
    long kicks;
    double connectSeconds;
    double warmupSeconds;
    double measuredSeconds;

    /** Successful responses (request) or own echoes (fanout senders) in the window. */
    long completed;
    long errorResponses;
    long timeouts;
    /** The latency histogram of the window, in microseconds. */
    Histogram latency;

    int senders;
    long joined;
    long messagesSent;
    long pushes;

    String firstError;

    public long errors() {
        return errorResponses + timeouts + dropped + connectFailures;
    }

    public long completed() {
        return completed;
    }

    public long connected() {
        return connected;
    }

    public long dropped() {
        return dropped;
    }

    public long connectFailures() {
        return connectFailures;
    }

    public long pushes() {
        return pushes;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public double throughput() {
        return measuredSeconds > 0 ? completed / measuredSeconds : 0;
    }

    public double pushesPerSecond() {
        return measuredSeconds > 0 ? pushes / measuredSeconds : 0;
    }

    /** A latency percentile in milliseconds (NaN when nothing was recorded). */
    public double percentileMillis(double percentile) {
        if (latency == null || latency.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latency == null || latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }

    /** Whether the run did anything at all (used for the exit status). */
    public boolean ok() {
        return connected > 0 && (!scenario.equals("request") || completed > 0);
    }

    String toText() {
        StringBuilder sb = new StringBuilder();
        line(sb, "scenario", scenario + " over " + url + " (" + threads + " selector thread" + (threads > 1 ? "s" : "") + ")");
        line(sb, "connections", connected + " connected of " + connectionsTarget
                + String.format(Locale.ROOT, " (all settled in %.1f s)", connectSeconds)
                + ", " + dropped + " dropped, " + connectFailures + " failed");
        if (scenario.equals("idle")) {
            line(sb, "held", fmt(measuredSeconds) + " s");
        } else {
            line(sb, "measured", fmt(measuredSeconds) + " s after " + fmt(warmupSeconds) + " s warm-up");
        }
        if (scenario.equals("request")) {
            line(sb, "requests", completed + " ok");
            line(sb, "throughput", String.format(Locale.ROOT, "%.0f req/s", throughput()));
        }
        if (scenario.equals("fanout")) {
            line(sb, "members", joined + " joined, " + senders + " senders");
            line(sb, "messages", messagesSent + String.format(Locale.ROOT, " sent (%.0f msg/s)",
                    measuredSeconds > 0 ? messagesSent / measuredSeconds : 0));
            line(sb, "pushes", pushes + String.format(Locale.ROOT, " received (%.0f pushes/s)", pushesPerSecond()));
        }
        if (!scenario.equals("idle")) {
            line(sb, scenario.equals("fanout") ? "echo latency" : "latency", String.format(Locale.ROOT,
                    "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms",
                    ms(percentileMillis(50)), ms(percentileMillis(90)), ms(percentileMillis(99)),
                    ms(percentileMillis(99.9)), ms(maxMillis())));
        }
        line(sb, "errors", errors() + " (error responses " + errorResponses + ", timeouts " + timeouts
                + ", disconnects " + dropped + (kicks > 0 ? " incl. " + kicks + " kicks" : "")
                + ", failed connects " + connectFailures + ")");
        if (firstError != null) {
            line(sb, "first error", firstError);
        }
        return sb.toString();
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "scenario", scenario);
        field(sb, "url", url);
        raw(sb, "threads", threads);
        raw(sb, "connectionsTarget", connectionsTarget);
        raw(sb, "connected", connected);
        raw(sb, "dropped", dropped);
        raw(sb, "kicks", kicks);
        raw(sb, "connectFailures", connectFailures);
        raw(sb, "connectSeconds", num(connectSeconds));
        raw(sb, "warmupSeconds", num(warmupSeconds));
        raw(sb, "measuredSeconds", num(measuredSeconds));
        raw(sb, "completed", completed);
        raw(sb, "throughput", num(throughput()));
        raw(sb, "errors", errors());
        raw(sb, "errorResponses", errorResponses);
        raw(sb, "timeouts", timeouts);
        raw(sb, "p50Ms", num(percentileMillis(50)));
        raw(sb, "p90Ms", num(percentileMillis(90)));
        raw(sb, "p99Ms", num(percentileMillis(99)));
        raw(sb, "p999Ms", num(percentileMillis(99.9)));
        raw(sb, "maxMs", num(maxMillis()));
        if (scenario.equals("fanout")) {
            raw(sb, "senders", senders);
            raw(sb, "joined", joined);
            raw(sb, "messagesSent", messagesSent);
            raw(sb, "pushes", pushes);
            raw(sb, "pushesPerSecond", num(pushesPerSecond()));
        }
        if (firstError != null) {
            field(sb, "firstError", firstError);
        }
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "%-13s %s%n", name, value));
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void raw(StringBuilder sb, String name, Object value) {
        sb.append('"').append(name).append("\":").append(value).append(',');
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append("\",");
    }
}
