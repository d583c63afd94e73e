package io.pitaya.client.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of one load-generator run, parsed from {@code --name value} arguments (see {@link #USAGE}).
 * A plain mutable holder: tests set fields directly.
 */
public final class LoadOptions {

    static final String USAGE = """
            usage: LoadGenerator --url URL [options]
              --url URL             tcp://host:port or ws://host:port/path (required)
              --scenario NAME       request | idle | fanout (default request)
              --connections N       connections; for fanout, the room members (default 100)
              --duration D          measured time, e.g. 30s, 500ms, 1m (default 30s); idle: how long to hold
              --warmup D            load before measuring, not counted (default 5s; idle ignores it)
              --route R             request route (default bench.ping)
              --payload TEXT        request payload (default {})
              --payload-size N      request payload of N bytes 'x' instead of --payload
              --timeout D           request / echo timeout (default 5s)
              --connect-rate N      connections opened per second (default 1000)
              --connect-timeout D   connect + handshake budget per connection (default 15s)
              --threads N           selector threads, 1 or 2 (default 1)
              --senders N           fanout: members that send room.message (default 10)
              --join-route R        fanout (default room.join)
              --message-route R     fanout (default room.message)
              --push-route R        fanout: the push counted (default onMessage)
              --message-rate N      fanout: cap on chat lines per second over all senders (default 0:
                                    each sender sends as soon as it sees its previous line)
              --ready-file PATH     create PATH once every connection is up (lets scripts measure while holding)
              --json                print the summary as one JSON line
              --json-out PATH       also append the JSON line to PATH
              --quiet               no progress lines on stderr
            """;

    URI url;
    Scenario scenario = Scenario.REQUEST;
    int connections = 100;
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    String route = "bench.ping";
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    Duration timeout = Duration.ofSeconds(5);
    int connectRate = 1000;
    Duration connectTimeout = Duration.ofSeconds(15);
    int threads = 1;
    int senders = 10;
    String joinRoute = "room.join";
    String messageRoute = "room.message";
    String pushRoute = "onMessage";
    int messageRate;
    Path readyFile;
    boolean json;
    Path jsonOut;
    boolean quiet;

    public static LoadOptions parse(String... args) {
        LoadOptions o = new LoadOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--json")) {
                o.json = true;
                continue;
            }
            if (name.equals("--quiet")) {
                o.quiet = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String v = args[++i];
            switch (name) {
                case "--url" -> o.url = URI.create(v);
                case "--scenario" -> o.scenario = Scenario.parse(v);
                case "--connections" -> o.connections = positive(name, v);
                case "--duration" -> o.duration = duration(v);
                case "--warmup" -> o.warmup = duration(v);
                case "--route" -> o.route = v;
                case "--payload" -> o.payload = v.getBytes(StandardCharsets.UTF_8);
                case "--payload-size" -> o.payload = "x".repeat(positive(name, v)).getBytes(StandardCharsets.US_ASCII);
                case "--timeout" -> o.timeout = duration(v);
                case "--connect-rate" -> o.connectRate = positive(name, v);
                case "--connect-timeout" -> o.connectTimeout = duration(v);
                case "--threads" -> o.threads = positive(name, v);
                case "--senders" -> o.senders = positive(name, v);
                case "--join-route" -> o.joinRoute = v;
                case "--message-route" -> o.messageRoute = v;
                case "--push-route" -> o.pushRoute = v;
                case "--message-rate" -> o.messageRate = positive(name, v);
                case "--ready-file" -> o.readyFile = Path.of(v);
                case "--json-out" -> o.jsonOut = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        o.validate();
        return o;
    }

    void validate() {
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ws")) {
            throw new IllegalArgumentException("--url must be tcp://host:port or ws://host:port/path, got " + url);
        }
        if (url.getHost() == null || (scheme.equals("tcp") && url.getPort() < 0)) {
            throw new IllegalArgumentException("--url needs a host and a port: " + url);
        }
        if (threads > 2) {
            throw new IllegalArgumentException("--threads is 1 or 2");
        }
        if (scenario == Scenario.FANOUT && senders > connections) {
            throw new IllegalArgumentException("--senders cannot exceed --connections");
        }
    }

    boolean webSocket() {
        return url.getScheme().equalsIgnoreCase("ws");
    }

    int port() {
        return url.getPort() >= 0 ? url.getPort() : 80;
    }

    private static int positive(String name, String v) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got " + v);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
        return n;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** {@code 30s}, {@code 500ms}, {@code 1m}, {@code 1.5s}; a bare number is seconds. */
    static Duration duration(String v) {
        Matcher m = DURATION.matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + v + " (use e.g. 30s, 500ms, 1m)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
