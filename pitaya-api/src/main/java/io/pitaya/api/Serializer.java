package io.pitaya.api;

import io.pitaya.protocol.error.ErrorPayload;

import java.lang.reflect.Type;

/** Turns handler arguments and results into payload bytes. The name is announced in the handshake. */
public interface Serializer {

    /** {@code "json"} or {@code "protobuf"}, as clients expect in {@code sys.serializer}. */
    String name();

    byte[] marshal(Object value);

    Object unmarshal(byte[] data, Type type);

    /** Encodes an error the way Pitaya does for this serializer. */
    byte[] marshalError(ErrorPayload error);
}
