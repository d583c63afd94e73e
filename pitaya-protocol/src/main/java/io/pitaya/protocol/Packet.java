package io.pitaya.protocol;

import io.pitaya.protocol.internal.HexPreview;
import java.util.Arrays;
import java.util.Objects;

/**
 * One framed unit on the wire: a type and a body. The body array is not copied (the codecs are on the
 * hot path), so treat it as read-only once it is in a packet.
 */
public record Packet(PacketType type, byte[] body) {

    static final byte[] EMPTY = new byte[0];

    public static final Packet HANDSHAKE_ACK = new Packet(PacketType.HANDSHAKE_ACK, EMPTY);
    public static final Packet HEARTBEAT = new Packet(PacketType.HEARTBEAT, EMPTY);
    public static final Packet KICK = new Packet(PacketType.KICK, EMPTY);

    public Packet {
        Objects.requireNonNull(type, "type");
        body = body == null ? EMPTY : body;
    }

    public static Packet of(PacketType type, byte[] body) {
        return new Packet(type, body);
    }

    // Records compare arrays by identity; packets are values, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && type == p.type && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Packet[type=" + type + ", body=" + HexPreview.of(body) + "]";
    }
}
