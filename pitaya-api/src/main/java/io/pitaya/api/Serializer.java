package io.pitaya.api;

import java.lang.reflect.Type;

/**
 * Turns handler arguments, handler results and pushed values into payload bytes and back. One serializer serves
 * the whole server; its {@link #name()} is announced to clients in the handshake ({@code sys.serializer}).
 *
 * <p>The built-ins are {@code json} (the default) and {@code protobuf}. An application plugs in its own by
 * making a CDI bean that implements this interface, qualifying it with {@link SerializerName} and selecting it
 * with the config key {@code pitaya.serializer}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * @SerializerName("msgpack")
 * public class MsgPackSerializer implements Serializer {
 *     public String name() { return "msgpack"; }
 *     ...
 * }
 * // microprofile-config.properties:  pitaya.serializer=msgpack
 * }</pre>
 *
 * <p>{@code byte[]} never reaches a serializer from handlers: a {@code byte[]} parameter receives the raw
 * payload and a {@code byte[]} result or pushed value is sent as it is, whatever the serializer.
 *
 * <p>Implementations are called from many threads at once and must be thread-safe.
 */
public interface Serializer {

    /**
     * What clients see in the handshake's {@code sys.serializer}. Pitaya's clients understand {@code "json"} and
     * {@code "protobuf"}; a custom serializer for such clients should announce the one its bytes follow.
     */
    String name();

    /**
     * Encodes a handler's result or a pushed value (never {@code null} for handler results: those are answered
     * with {@code PIT-000 "reply must not be null"} before reaching here).
     *
     * @throws RuntimeException if the value cannot be encoded; the client then gets {@code PIT-000} with the
     *                          exception's message, so make it say what went wrong
     */
    byte[] marshal(Object value);

    /**
     * Decodes a request or notify payload into a handler's parameter type.
     *
     * @param data the payload, inflated; may be empty (a client that sent no body) — return what an empty payload
     *             means for this format, e.g. {@code null} for JSON or the default message for protobuf
     * @throws RuntimeException if the payload does not decode; the client then gets {@code PIT-400}
     */
    Object unmarshal(byte[] data, Type type);

    /**
     * Encodes an error the way Pitaya does for this format: JSON {@code {"code":..,"msg":..,"metadata":{..}}}
     * or protobuf {@code protos.Error}. Must not fail.
     */
    byte[] marshalError(PitayaError error);
}
