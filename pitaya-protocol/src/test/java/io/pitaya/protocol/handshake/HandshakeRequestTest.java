package io.pitaya.protocol.handshake;

import static io.pitaya.protocol.Hex.bytes;
import static io.pitaya.protocol.Hex.concat;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeRequestTest {

    private static final String LIBPITAYA_JSON =
            "{\"sys\":{\"platform\":\"mac\",\"libVersion\":\"4.6.2\",\"clientBuildNumber\":\"20\",\"clientVersion\":\"2.1\"},"
                    + "\"user\":{\"age\":30}}";

    @Test
    void libpitayaVectorIsEncodedByteForByte() {
        HandshakeRequest req = HandshakeRequest.of("mac", "4.6.2", "20", "2.1", Map.of("age", 30));
        assertThat(new String(req.toJson(), StandardCharsets.UTF_8)).isEqualTo(LIBPITAYA_JSON);
        assertThat(PacketCodec.encode(PacketType.HANDSHAKE, req.toJson()))
                .isEqualTo(concat(bytes("01 00 00 70"), utf8(LIBPITAYA_JSON)));
    }

    @Test
    void libpitayaVectorIsParsed() {
        Packet p = PacketCodec.decodeFrame(concat(bytes("01 00 00 70"), utf8(LIBPITAYA_JSON)));
        HandshakeRequest req = HandshakeRequest.parse(p.body());
        assertThat(req.platform()).isEqualTo("mac");
        assertThat(req.libVersion()).isEqualTo("4.6.2");
        assertThat(req.clientBuildNumber()).isEqualTo("20");
        assertThat(req.clientVersion()).isEqualTo("2.1");
        assertThat(req.sys()).containsEntry("platform", "mac").hasSize(4);
        assertThat(req.user()).containsExactly(Map.entry("age", 30));
        assertThat(new String(req.toJson(), StandardCharsets.UTF_8)).isEqualTo(LIBPITAYA_JSON);
    }

    @Test
    void oldPomeloClientHandshakeIsAccepted() {
        HandshakeRequest req = HandshakeRequest.parse(
                utf8("{\"sys\":{\"type\":\"js-websocket\",\"version\":\"0.0.1\"},\"user\":{}}"));
        assertThat(req.platform()).isNull();
        assertThat(req.libVersion()).isNull();
        assertThat(req.sys()).containsEntry("type", "js-websocket");
        assertThat(req.user()).isEmpty();
    }

    @Test
    void missingPartsBecomeNullOrEmpty() {
        HandshakeRequest req = HandshakeRequest.parse(utf8("{}"));
        assertThat(req.platform()).isNull();
        assertThat(req.sys()).isEmpty();
        assertThat(req.user()).isEmpty();
        HandshakeRequest nulls = HandshakeRequest.parse(utf8("{\"sys\":{\"platform\":null},\"user\":null}"));
        assertThat(nulls.platform()).isNull();
        assertThat(nulls.user()).isEmpty();
    }

    @Test
    void nestedUserDataIsKept() {
        HandshakeRequest req = HandshakeRequest.parse(
                utf8("{\"sys\":{},\"user\":{\"a\":{\"b\":[1,2]},\"c\":null,\"d\":1.5}}"));
        assertThat(req.user()).containsKeys("a", "c", "d");
        assertThat(req.user().get("a")).isEqualTo(Map.of("b", java.util.List.of(1, 2)));
        assertThat(req.user().get("c")).isNull();
        assertThatThrownBy(() -> req.user().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "\"sys\"",
        "{\"sys\":{\"platform\":1}}",
        "{\"sys\":{\"libVersion\":true}}",
        "{\"sys\":{\"clientBuildNumber\":20}}",
        "{\"sys\":{\"clientVersion\":{}}}",
        "{\"sys\":\"mac\"}",
        "{\"sys\":{},\"user\":[1]}",
        "{\"sys\":{}} trailing"
    })
    void invalidHandshakesAreRejected(String json) {
        assertThatThrownBy(() -> HandshakeRequest.parse(utf8(json))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void toJsonOmitsNullsAndKeepsExtraSysKeys() {
        HandshakeRequest req = new HandshakeRequest(null, "1.0", null, null,
                Map.of("rsa", "key", "libVersion", "stale"), null);
        assertThat(new String(req.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sys\":{\"libVersion\":\"1.0\",\"rsa\":\"key\"},\"user\":{}}");
    }
}
