package io.pitaya.protocol.message;

import io.pitaya.protocol.internal.HexPreview;
import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded Data-packet body (PROTOCOL.md §2). Fields the type does not carry on the wire are
 * normalised (id 0 for NOTIFY/PUSH, route null for RESPONSE) so an encode/decode round trip is equal.
 * The id is an unsigned 64-bit value. The data array is not copied; treat it as read-only.
 */
public record Message(MessageType type, long id, String route, byte[] data, boolean error) {

    private static final byte[] EMPTY = new byte[0];

    public Message {
        Objects.requireNonNull(type, "type");
        if (!type.hasId()) {
            id = 0;
        }
        if (type.hasRoute()) {
            Objects.requireNonNull(route, "route");
        } else {
            route = null;
        }
        data = data == null ? EMPTY : data;
    }

    public static Message request(long id, String route, byte[] data) {
        return new Message(MessageType.REQUEST, id, route, data, false);
    }

    public static Message notify(String route, byte[] data) {
        return new Message(MessageType.NOTIFY, 0, route, data, false);
    }

    public static Message response(long id, byte[] data) {
        return new Message(MessageType.RESPONSE, id, null, data, false);
    }

    public static Message errorResponse(long id, byte[] data) {
        return new Message(MessageType.RESPONSE, id, null, data, true);
    }

    public static Message push(String route, byte[] data) {
        return new Message(MessageType.PUSH, 0, route, data, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m
                && type == m.type
                && id == m.id
                && error == m.error
                && Objects.equals(route, m.route)
                && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, route, error) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Message[type=" + type + ", id=" + Long.toUnsignedString(id) + ", route=" + route
                + ", data=" + HexPreview.of(data) + ", error=" + error + "]";
    }
}
