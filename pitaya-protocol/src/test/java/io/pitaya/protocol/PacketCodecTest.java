package io.pitaya.protocol;

import static io.pitaya.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    @Test
    void emptyControlPacketsMatchProtocolVectors() {
        assertThat(PacketCodec.encode(Packet.HANDSHAKE_ACK)).isEqualTo(bytes("02 00 00 00"));
        assertThat(PacketCodec.encode(Packet.HEARTBEAT)).isEqualTo(bytes("03 00 00 00"));
        assertThat(PacketCodec.encode(Packet.KICK)).isEqualTo(bytes("05 00 00 00"));
    }

    @Test
    void lengthIsThreeByteBigEndian() {
        byte[] body = new byte[0x010203];
        byte[] out = PacketCodec.encode(PacketType.DATA, body);
        assertThat(out).hasSize(4 + 0x010203);
        assertThat(java.util.Arrays.copyOf(out, 4)).isEqualTo(bytes("04 01 02 03"));
    }

    @Test
    void maxBodyIsAcceptedAndOneMoreRejected() {
        assertThat(PacketCodec.encode(PacketType.DATA, new byte[PacketCodec.MAX_BODY_LENGTH]))
                .startsWith(bytes("04 ff ff ff"));
        assertThatThrownBy(() -> PacketCodec.encode(PacketType.DATA, new byte[PacketCodec.MAX_BODY_LENGTH + 1]))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodeFrameRoundTrips() {
        Packet p = Packet.of(PacketType.DATA, bytes("01 02 03"));
        assertThat(PacketCodec.decodeFrame(PacketCodec.encode(p), 100)).isEqualTo(p);
        assertThat(PacketCodec.decodeFrame(bytes("03 00 00 00"))).isEqualTo(Packet.HEARTBEAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "04", "04 00 00", "04 00 00 02 01"})
    void decodeFrameRejectsShortFrames(String hex) {
        assertThatThrownBy(() -> PacketCodec.decodeFrame(bytes(hex), 100))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("received less data than expected");
    }

    @Test
    void decodeFrameRejectsTrailingBytes() {
        assertThatThrownBy(() -> PacketCodec.decodeFrame(bytes("03 00 00 00 03 00 00 00"), 100))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("received more data than expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00 00 00 00", "06 00 00 00", "47 45 54 20"})
    void decodeFrameRejectsBadType(String hex) {
        assertThatThrownBy(() -> PacketCodec.decodeFrame(bytes(hex), 100))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("wrong packet type");
    }

    @Test
    void decodeFrameRejectsBodyOverLimit() {
        assertThatThrownBy(() -> PacketCodec.decodeFrame(bytes("04 00 00 03 01 02 03"), 2))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("packet too large");
    }

    @Test
    void packetTypeCodes() {
        for (PacketType t : PacketType.values()) {
            assertThat(PacketType.fromCode(t.code())).isSameAs(t);
        }
        assertThatThrownBy(() -> PacketType.fromCode(0)).hasMessage("wrong packet type");
        assertThatThrownBy(() -> PacketType.fromCode(6)).hasMessage("wrong packet type");
    }

    @Test
    void packetComparesBodyByContent() {
        Packet a = Packet.of(PacketType.DATA, bytes("0102"));
        Packet b = Packet.of(PacketType.DATA, bytes("0102"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Packet.of(PacketType.DATA, bytes("0103")));
        assertThat(a.toString()).contains("DATA").contains("0102");
        assertThat(Packet.of(PacketType.KICK, null).body()).isEmpty();
        assertThat(Packet.of(PacketType.KICK, null)).isEqualTo(Packet.KICK);
    }
}
