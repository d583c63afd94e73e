package io.pitaya.client.impl;

import io.pitaya.client.ClientOptions;
import io.pitaya.client.PitayaClientException;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;

/** Encodes what the client sends; an encoding failure is a PROTOCOL_ERROR naming what could not be sent. */
final class OutboundPackets {

    private static final byte[] EMPTY = new byte[0];

    static final byte[] HANDSHAKE_ACK = PacketCodec.encode(Packet.HANDSHAKE_ACK);

    private OutboundPackets() {
    }

    static byte[] handshake(ClientOptions options) {
        return encode(() -> Packet.of(PacketType.HANDSHAKE, options.handshakeRequest().toJson()),
                "cannot encode handshake: ");
    }

    static byte[] request(MessageCodec codec, long id, String route, byte[] data) {
        return encode(() -> Packet.of(PacketType.DATA, codec.encode(Message.request(id, route, data))),
                "cannot encode request to " + route + ": ");
    }

    static byte[] notify(MessageCodec codec, String route, byte[] data) {
        return encode(() -> Packet.of(PacketType.DATA, codec.encode(Message.notify(route, data == null ? EMPTY : data))),
                "cannot encode notify to " + route + ": ");
    }

    private interface PacketSource {
        Packet get();
    }

    private static byte[] encode(PacketSource packet, String failure) {
        try {
            return PacketCodec.encode(packet.get());
        } catch (RuntimeException e) {
            throw new PitayaClientException(PitayaClientException.PROTOCOL_ERROR, failure + e.getMessage(), e);
        }
    }
}
