package io.pitaya.core.remote;

import com.google.protobuf.MessageLite;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.serialize.ProtobufSerializer;

import java.lang.reflect.Type;

/**
 * How remote arguments and replies travel, on both sides alike and whatever the server's client serializer: a
 * protobuf message as protobuf bytes (Go Pitaya marshals every RPC argument and reply with {@code proto.Marshal}),
 * {@code byte[]} as it is, anything else as JSON (the core's JSON serializer: Go's field rules, unknown fields
 * ignored). {@code null} is an empty payload; an empty payload decodes to null (JSON) or the default message.
 */
public final class RemoteCodec {

    private static final byte[] EMPTY = new byte[0];

    private final JsonSerializer json = new JsonSerializer();
    private final ProtobufSerializer protobuf = new ProtobufSerializer();

    public byte[] encode(Object value) {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof byte[] raw) {
            return raw;
        }
        if (value instanceof MessageLite message) {
            return message.toByteArray();
        }
        return json.marshal(value);
    }

    /** @throws RuntimeException when the bytes do not decode into {@code type} */
    public Object decode(byte[] data, Type type) {
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (type == byte[].class) {
            return data;
        }
        if (ProtobufSerializer.supports(type)) {
            return protobuf.unmarshal(data, type);
        }
        return json.unmarshal(data, type);
    }
}
