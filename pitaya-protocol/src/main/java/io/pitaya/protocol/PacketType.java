package io.pitaya.protocol;

/** The first byte of every packet header (PROTOCOL.md §1). */
public enum PacketType {
    HANDSHAKE(1),
    HANDSHAKE_ACK(2),
    HEARTBEAT(3),
    DATA(4),
    KICK(5);

    // Indexed by code so the hot decode path does no search and no allocation.
    private static final PacketType[] BY_CODE = {null, HANDSHAKE, HANDSHAKE_ACK, HEARTBEAT, DATA, KICK};

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True when {@code code} (an unsigned byte value) names a packet type. */
    public static boolean isValid(int code) {
        return code >= 1 && code < BY_CODE.length;
    }

    public static PacketType fromCode(int code) {
        if (!isValid(code)) {
            throw new ProtocolException("wrong packet type");
        }
        return BY_CODE[code];
    }
}
