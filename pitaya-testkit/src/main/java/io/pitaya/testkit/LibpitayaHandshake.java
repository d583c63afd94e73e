package io.pitaya.testkit;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;

import java.nio.charset.StandardCharsets;

/** The handshake libpitaya sends (PROTOCOL.md §3): the one client hello every test uses. */
public final class LibpitayaHandshake {

    public static final String JSON = "{\"sys\":{\"platform\":\"mac\",\"libVersion\":\"4.6.2\","
            + "\"clientBuildNumber\":\"20\",\"clientVersion\":\"2.1\"},\"user\":{\"age\":30}}";

    private LibpitayaHandshake() {
    }

    /** {@link #JSON} as UTF-8, the body of the handshake packet. */
    public static byte[] body() {
        return JSON.getBytes(StandardCharsets.UTF_8);
    }

    /** The whole handshake packet, header included, ready to send. */
    public static byte[] packet() {
        return PacketCodec.encode(PacketType.HANDSHAKE, body());
    }
}
