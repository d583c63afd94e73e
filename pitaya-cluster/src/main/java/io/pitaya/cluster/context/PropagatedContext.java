package io.pitaya.cluster.context;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.protocol.json.GoJson;
import io.pitaya.core.config.GoDuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values a request carries from server to server in {@code Request.metadata}: a JSON object (Pitaya's
 * {@code pcontext.Encode}), at least {@code {}} because a Go server refuses a request with empty metadata, keys
 * sorted as Go writes a map. {@link #REQUEST_TIMEOUT} must stay a Go duration string: a Go peer parses it with
 * {@code time.ParseDuration} and fails on anything else. Immutable; the {@code with} methods return copies.
 */
public final class PropagatedContext {

    public static final String START_TIME = "req-start-time";
    public static final String ROUTE = "req-route";
    public static final String REQUEST_ID = "request.id";
    public static final String PEER_ID = "peer.id";
    public static final String PEER_SERVICE = "peer.service";
    public static final String REQUEST_TIMEOUT = "reqTimeout";
    public static final String SPAN = "otel-span";
    public static final String METRIC_TAGS = "metric-tags";

    private static final PropagatedContext EMPTY = new PropagatedContext(Map.of());
    private static final ObjectMapper READER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Map<String, Object> values;

    private PropagatedContext(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static PropagatedContext empty() {
        return EMPTY;
    }

    /**
     * Reads {@code Request.metadata}; empty bytes read as an empty context (a Java peer is lenient where Go
     * refuses).
     *
     * @throws IllegalArgumentException if the bytes are not a JSON object
     */
    public static PropagatedContext decode(byte[] metadata) {
        if (metadata == null || metadata.length == 0) {
            return EMPTY;
        }
        try {
            LinkedHashMap<String, Object> map = READER.readValue(metadata, OBJECT);
            return map == null ? EMPTY : new PropagatedContext(map);
        } catch (IOException e) {
            throw new IllegalArgumentException("request metadata is not a JSON object: " + e.getMessage(), e);
        }
    }

    public byte[] encode() {
        return GoJson.write(values).getBytes(StandardCharsets.UTF_8);
    }

    /** A copy with {@code key} set to a JSON-able value (string, number, boolean, map, list). */
    public PropagatedContext with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new PropagatedContext(copy);
    }

    public PropagatedContext withRequestTimeout(Duration timeout) {
        return with(REQUEST_TIMEOUT, GoDuration.format(timeout));
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> string(String key) {
        return get(key).filter(String.class::isInstance).map(String.class::cast);
    }

    /**
     * The {@code reqTimeout} value; empty when absent.
     *
     * @throws IllegalArgumentException if present but not a Go duration string
     */
    public Optional<Duration> requestTimeout() {
        Object value = values.get(REQUEST_TIMEOUT);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT + " must be a duration string, got " + value);
        }
        return Optional.of(GoDuration.parse(s));
    }

    /**
     * The {@code reqTimeout} of a request's metadata, for the calls made while serving it; empty when the metadata
     * is not a JSON object or has no duration there (the caller then uses its own default).
     */
    public static Optional<Duration> requestTimeoutOf(byte[] metadata) {
        try {
            return decode(metadata).requestTimeout();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A context carrying only {@code timeout} as {@code reqTimeout}; empty without one. */
    public static PropagatedContext ofRequestTimeout(Optional<Duration> timeout) {
        return timeout.map(EMPTY::withRequestTimeout).orElse(EMPTY);
    }

    /** The propagated span context ({@link #SPAN}: W3C {@code traceparent}, {@code tracestate}); empty if none. */
    public Map<String, String> spanCarrier() {
        Object value = values.get(SPAN);
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k instanceof String key && v instanceof String text) {
                carrier.put(key, text);
            }
        });
        return carrier;
    }

    /** With the span context to propagate under {@link #SPAN}, unless it is empty (not traced). */
    public PropagatedContext withSpan(Map<String, String> carrier) {
        return carrier.isEmpty() ? this : with(SPAN, carrier);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
