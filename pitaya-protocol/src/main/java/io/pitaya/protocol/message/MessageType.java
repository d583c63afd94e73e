package io.pitaya.protocol.message;

import io.pitaya.protocol.ProtocolException;

/** Message type, stored in bits 1-3 of the flag byte (PROTOCOL.md §2). */
public enum MessageType {
    REQUEST(0, true, true),
    NOTIFY(1, false, true),
    RESPONSE(2, true, false),
    PUSH(3, false, true);

    private static final MessageType[] BY_CODE = values();

    private final int code;
    private final boolean hasId;
    private final boolean hasRoute;

    MessageType(int code, boolean hasId, boolean hasRoute) {
        this.code = code;
        this.hasId = hasId;
        this.hasRoute = hasRoute;
    }

    public int code() {
        return code;
    }

    public static MessageType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ProtocolException("wrong message type");
        }
        return BY_CODE[code];
    }

    /** Whether a message id varint follows the flag byte. */
    public boolean hasId() {
        return hasId;
    }

    /** Whether a route (string or dictionary code) follows the id. */
    public boolean hasRoute() {
        return hasRoute;
    }
}
