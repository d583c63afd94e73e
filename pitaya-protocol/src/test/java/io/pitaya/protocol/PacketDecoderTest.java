package io.pitaya.protocol;

import static io.pitaya.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    private final PacketDecoder decoder = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH);

    @Test
    void splitsSeveralPacketsInOneBuffer() {
        byte[] in = bytes("01 00 00 02 7b7d  02 00 00 00  04 00 00 03 010203  03 00 00 00");
        List<Packet> out = decoder.decode(ByteBuffer.wrap(in));
        assertThat(out).containsExactly(
                Packet.of(PacketType.HANDSHAKE, bytes("7b7d")),
                Packet.HANDSHAKE_ACK,
                Packet.of(PacketType.DATA, bytes("010203")),
                Packet.HEARTBEAT);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void keepsPartialPacketForNextCall() {
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("03 00 00 00 04 00 00 03 01")))).containsExactly(Packet.HEARTBEAT);
        assertThat(decoder.bufferedBytes()).isEqualTo(5);
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("02 03 05 00")))).containsExactly(
                Packet.of(PacketType.DATA, bytes("010203")));
        assertThat(decoder.bufferedBytes()).isEqualTo(2);
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("00 00")))).containsExactly(Packet.KICK);
    }

    @Test
    void decodesInputFedByteByByte() {
        byte[] in = bytes("04 00 00 05 0102030405 03 00 00 00 01 00 00 01 7b");
        List<Packet> out = new ArrayList<>();
        for (byte b : in) {
            out.addAll(decoder.decode(ByteBuffer.wrap(new byte[] {b})));
        }
        assertThat(out).containsExactly(
                Packet.of(PacketType.DATA, bytes("0102030405")),
                Packet.HEARTBEAT,
                Packet.of(PacketType.HANDSHAKE, bytes("7b")));
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void consumesAllRemainingBytes() {
        ByteBuffer buf = ByteBuffer.wrap(bytes("03 00 00 00 04 00"));
        decoder.decode(buf);
        assertThat(buf.hasRemaining()).isFalse();
        assertThat(decoder.bufferedBytes()).isEqualTo(2);
    }

    @Test
    void emptyInputYieldsNothing() {
        assertThat(decoder.decode(ByteBuffer.allocate(0))).isEmpty();
    }

    @Test
    void rejectsHttpOnFirstByte() {
        // Only "G" has arrived: a decoder waiting for 4 header bytes would stall here.
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap("G".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("wrong packet type");
    }

    @Test
    void rejectsTlsClientHelloOnFirstByte() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("16"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("wrong packet type");
    }

    @Test
    void rejectsBadTypeAfterAValidPacket() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("03 00 00 00 00"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectsOversizeLengthBeforeBodyArrives() {
        PacketDecoder small = new PacketDecoder(1024);
        assertThatThrownBy(() -> small.decode(ByteBuffer.wrap(bytes("04 00 04 01"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("packet too large");
    }

    @Test
    void acceptsBodyOfExactlyTheLimit() {
        PacketDecoder small = new PacketDecoder(3);
        assertThat(small.decode(ByteBuffer.wrap(bytes("04 00 00 03 010203")))).hasSize(1);
    }

    @Test
    void staysFailedAfterAnError() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("16")))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("03 00 00 00"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void readsFromDirectBuffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(7);
        direct.put(bytes("04 00 00 03 0a0b0c")).flip();
        assertThat(decoder.decode(direct)).containsExactly(Packet.of(PacketType.DATA, bytes("0a0b0c")));
    }

    @Test
    void holdsMemoryForTheBytesThatArrivedNotForTheAnnouncedLength() {
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("04 ff ff ff")))).isEmpty();
        assertThat(decoder.bufferedCapacity()).isZero();
        decoder.decode(ByteBuffer.wrap(new byte[1000]));
        assertThat(decoder.bufferedBytes()).isEqualTo(1004);
        assertThat(decoder.bufferedCapacity()).isBetween(1000, 2000);
        decoder.decode(ByteBuffer.wrap(new byte[100_000]));
        assertThat(decoder.bufferedCapacity()).isBetween(101_000, 202_000);
    }

    @Test
    void growsABodyArrivingInSmallPiecesToExactlyItsLength() {
        byte[] body = new byte[5000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        List<Packet> out = new ArrayList<>();
        out.addAll(decoder.decode(ByteBuffer.wrap(bytes("04 00 13 88"))));
        for (int i = 0; i < body.length; i += 7) {
            out.addAll(decoder.decode(ByteBuffer.wrap(body, i, Math.min(7, body.length - i))));
        }
        assertThat(out).containsExactly(Packet.of(PacketType.DATA, body));
        assertThat(out.get(0).body()).hasSize(5000);
        assertThat(decoder.bufferedCapacity()).isZero();
    }

    @Test
    void holdsEveryPacketToTheHandshakeBoundUntilAHandshakeArrives() {
        PacketDecoder server = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH, 16);
        assertThat(server.currentMaxBodyLength()).isEqualTo(16);
        assertThatThrownBy(() -> server.decode(ByteBuffer.wrap(bytes("01 00 01 00"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("packet too large before handshake");
        PacketDecoder data = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH, 16);
        assertThatThrownBy(() -> data.decode(ByteBuffer.wrap(bytes("04 00 00 11"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void liftsTheHandshakeBoundOnceAHandshakeIsDecoded() {
        PacketDecoder server = new PacketDecoder(1024, 16);
        assertThat(server.decode(ByteBuffer.wrap(bytes("03 00 00 00 01 00 00 02 7b7d")))).hasSize(2);
        assertThat(server.currentMaxBodyLength()).isEqualTo(1024);
        assertThat(server.decode(ByteBuffer.wrap(bytes("04 00 04 00")))).isEmpty();
        assertThatThrownBy(() -> new PacketDecoder(1024, 16).decode(ByteBuffer.wrap(bytes("01 00 00 11"))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void handshakeBoundNeverExceedsTheBodyBound() {
        assertThat(new PacketDecoder(100, 1000).currentMaxBodyLength()).isEqualTo(100);
    }
}
