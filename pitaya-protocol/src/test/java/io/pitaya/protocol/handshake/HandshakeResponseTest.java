package io.pitaya.protocol.handshake;

import static io.pitaya.protocol.Hex.bytes;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.RouteDictionary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeResponseTest {

    private static final String DEFAULT_PACKET = "01 00 00 41 7b 22 63 6f 64 65 22 3a 32 30 30 2c 22 73 79 73 22 3a 7b"
            + " 22 64 69 63 74 22 3a 7b 7d 2c 22 68 65 61 72 74 62 65 61 74 22 3a 33 30 2c 22 73 65 72 69 61 6c 69"
            + " 7a 65 72 22 3a 22 6a 73 6f 6e 22 7d 7d";

    private static final HandshakeResponse DEFAULT = new HandshakeResponse(200, 30, RouteDictionary.EMPTY, "json");

    @Test
    void defaultResponseIsThe65ByteVectorEvenWithCompressionOn() {
        byte[] body = DEFAULT.encodeBody(true);
        assertThat(body).hasSize(65);
        assertThat(PacketCodec.encode(PacketType.HANDSHAKE, body)).isEqualTo(bytes(DEFAULT_PACKET));
        assertThat(DEFAULT.encodeBody(false)).isEqualTo(body);
        assertThat(Compression.deflate(body).length).isGreaterThan(65);
        assertThat(new String(DEFAULT.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}");
    }

    @Test
    void dictKeysAreSortedLikeGoMaps() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("room.room.join", 3);
        m.put("onMessage", 4);
        m.put("connector.getsessiondata", 1);
        m.put("Zeta", 2);
        HandshakeResponse r = new HandshakeResponse(400, 10, RouteDictionary.of(m), "protobuf");
        assertThat(new String(r.toJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"code\":400,\"sys\":{\"dict\":{\"Zeta\":2,\"connector.getsessiondata\":1,\"onMessage\":4,"
                        + "\"room.room.join\":3},\"heartbeat\":10,\"serializer\":\"protobuf\"}}");
    }

    @Test
    void nonTrivialDictIsSentCompressedAndParsesBack() {
        Map<String, Integer> m = new LinkedHashMap<>();
        String[] routes = {"connector.getsessiondata", "connector.setsessiondata", "room.room.join",
            "room.room.leave", "room.room.message", "onMessage"};
        for (int i = 0; i < routes.length; i++) {
            m.put(routes[i], i + 1);
        }
        HandshakeResponse r = new HandshakeResponse(HandshakeResponse.CODE_OK, 30, RouteDictionary.of(m), "json");
        byte[] body = r.encodeBody(true);
        assertThat(Arrays.copyOf(body, 2)).isEqualTo(bytes("78 9c"));
        assertThat(body.length).isLessThan(r.toJson().length);
        assertThat(HandshakeResponse.parse(body)).isEqualTo(r);
        assertThat(HandshakeResponse.parse(r.toJson())).isEqualTo(r);
    }

    @Test
    void parsesDefaultVectorAndTolerantVariants() {
        assertThat(HandshakeResponse.parse(DEFAULT.toJson())).isEqualTo(DEFAULT);
        HandshakeResponse floatBeat = HandshakeResponse.parse(
                utf8("{\"code\":200,\"sys\":{\"heartbeat\":30.0,\"serializer\":\"json\"}}"));
        assertThat(floatBeat.heartbeatSeconds()).isEqualTo(30);
        assertThat(floatBeat.dictionary().isEmpty()).isTrue();
        HandshakeResponse bare = HandshakeResponse.parse(utf8("{\"code\":400}"));
        assertThat(bare).isEqualTo(new HandshakeResponse(400, 0, RouteDictionary.EMPTY, null));
        assertThat(new String(bare.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":0}}");
    }

    @Test
    void rejectsMalformedResponses() {
        assertThatThrownBy(() -> HandshakeResponse.parse(utf8("[]"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> HandshakeResponse.parse(utf8("{\"code\":\"200\"}")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> HandshakeResponse.parse(utf8("{\"code\":200,\"sys\":{\"dict\":{\"a\":1.5}}}")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> HandshakeResponse.parse(utf8("{\"code\":200,\"sys\":{\"dict\":{\"a\":1,\"b\":1}}}")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> HandshakeResponse.parse(bytes("78 9c 00 00"))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void routesAreEscapedLikeGo() {
        HandshakeResponse r = new HandshakeResponse(200, 5, RouteDictionary.of(Map.of("a<b>&\"c\"", 1)), "json");
        assertThat(new String(r.toJson(), StandardCharsets.UTF_8))
                .contains("{\"a\\u003cb\\u003e\\u0026\\\"c\\\"\":1}");
    }
}
