package io.pitaya.protocol.message;

import static io.pitaya.protocol.Hex.bytes;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.Hex;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final MessageCodec PLAIN = new MessageCodec(RouteDictionary.EMPTY, false);
    private static final MessageCodec COMPRESSING = new MessageCodec(RouteDictionary.EMPTY, true);

    /** Encodes as a whole Data packet both ways and checks they agree, then decodes it back. */
    private static void assertPacket(MessageCodec codec, Message m, String hex) {
        byte[] expected = bytes(hex);
        assertThat(PacketCodec.encode(PacketType.DATA, codec.encode(m))).isEqualTo(expected);
        assertThat(codec.encodePacket(m)).isEqualTo(expected);
        Packet p = PacketCodec.decodeFrame(expected);
        assertThat(codec.decode(p.body())).isEqualTo(m);
    }

    // PROTOCOL.md §2 test vectors (whole packets).

    @Test
    void requestVector() {
        assertPacket(COMPRESSING, Message.request(1, "room.room.join", utf8("{}")),
                "040000130001 0e 726f6f6d2e726f6f6d2e6a6f696e 7b7d");
    }

    @Test
    void responseVector() {
        assertPacket(PLAIN, Message.response(1, utf8("{\"code\":0,\"result\":\"success\"}")),
                "0400001f 04 01 7b22636f6465223a302c22726573756c74223a2273756363657373227d");
    }

    @Test
    void errorResponseVector() {
        byte[] payload = utf8("{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nonexistenthandler not found\"}");
        assertPacket(PLAIN, Message.errorResponse(300, payload),
                "0400005c 24 ac02 7b22636f6465223a225049542d343034222c226d7367223a227069746179612f68616e646c65723a20"
                        + "636f6e6e6563746f722e746573747376632e6e6f6e6578697374656e7468616e646c6572206e6f7420666f756e64227d");
    }

    @Test
    void pushVector() {
        assertPacket(PLAIN, Message.push("onMessage", utf8("{\"name\":\"a\",\"content\":\"hi\"}")),
                "04000026 06 09 6f6e4d657373616765 7b226e616d65223a2261222c22636f6e74656e74223a226869227d");
    }

    @Test
    void compressedRoutePushVector() {
        MessageCodec codec = new MessageCodec(RouteDictionary.of(Map.of("onMessage", 4)), false);
        assertPacket(codec, Message.push("onMessage", utf8("{\"name\":\"a\",\"content\":\"hi\"}")),
                "0400001e 07 0004 7b226e616d65223a2261222c22636f6e74656e74223a226869227d");
    }

    // Go golden fixtures (message bodies only).

    @Test
    void goGoldenFixtures() {
        MessageCodec dict = new MessageCodec(RouteDictionary.of(Map.of("a", 1)), false);
        assertBody(PLAIN, Message.request(0, "a", null), "00 00 01 61");
        assertBody(dict, Message.request(0, "a", null), "01 00 00 01");
        assertBody(PLAIN, Message.notify("a", null), "02 01 61");
        assertBody(PLAIN, Message.push("a", null), "06 01 61");
        assertBody(dict, Message.push("a", null), "07 00 01");
        assertBody(PLAIN, Message.response(0, null), "04 00");
        assertBody(PLAIN, Message.response(129, null), "04 81 01");
        assertBody(PLAIN, Message.errorResponse(0, bytes("01")), "24 00 01");
    }

    private static void assertBody(MessageCodec codec, Message m, String hex) {
        assertThat(codec.encode(m)).isEqualTo(bytes(hex));
        assertThat(codec.decode(bytes(hex))).isEqualTo(m);
    }

    @Test
    void compressedErrorResponseHasFlag34() {
        byte[] payload = utf8("{\"code\":\"PIT-000\",\"msg\":\"" + "x".repeat(200) + "\"}");
        byte[] body = COMPRESSING.encode(Message.errorResponse(0, payload));
        assertThat(body[0]).isEqualTo((byte) 0x34);
        assertThat(COMPRESSING.decode(body)).isEqualTo(Message.errorResponse(0, payload));
    }

    // Appendix B captures from a real Pitaya v2 server.

    @Test
    void capturedPongResponseIsNotCompressed() {
        assertBody(COMPRESSING, Message.response(1, utf8("{\"code\":200,\"msg\":\"pong\"}")),
                "04 01 7b22636f6465223a3230302c226d7367223a22706f6e67227d");
    }

    @Test
    void compressibleResponseSetsFlag14AndInflatesBack() {
        byte[] payload = utf8("{\"items\":[" + "\"abcdefgh\",".repeat(50) + "\"z\"]}");
        byte[] body = COMPRESSING.encode(Message.response(1, payload));
        assertThat(body[0]).isEqualTo((byte) 0x14);
        assertThat(body[1]).isEqualTo((byte) 0x01);
        assertThat(Arrays.copyOfRange(body, 2, 4)).isEqualTo(bytes("78 9c"));
        assertThat(body.length).isLessThan(payload.length);
        assertThat(COMPRESSING.decode(body)).isEqualTo(Message.response(1, payload));
        // A non-compressing peer must still inflate what it receives.
        assertThat(PLAIN.decode(body).data()).isEqualTo(payload);
    }

    @Test
    void incompressiblePayloadIsSentPlain() {
        byte[] payload = new byte[64];
        new Random(42).nextBytes(payload);
        byte[] body = COMPRESSING.encode(Message.push("p", payload));
        assertThat(body[0]).isEqualTo((byte) 0x06);
        assertThat(Arrays.copyOfRange(body, 3, body.length)).isEqualTo(payload);
    }

    @Test
    void compressionFlagOnlyWhenEnabled() {
        byte[] payload = utf8("a".repeat(500));
        assertThat(PLAIN.encode(Message.notify("r", payload))[0]).isEqualTo((byte) 0x02);
        assertThat(COMPRESSING.encode(Message.notify("r", payload))[0]).isEqualTo((byte) 0x12);
        assertThat(COMPRESSING.compressesPayloads()).isTrue();
        assertThat(PLAIN.compressesPayloads()).isFalse();
    }

    @Test
    void gzipPayloadIsAcceptedOnInput() throws Exception {
        byte[] payload = utf8("{\"hello\":\"world\"}");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(payload);
        }
        byte[] body = Hex.concat(bytes("10 05 01 61"), gz.toByteArray());
        assertThat(PLAIN.decode(body)).isEqualTo(Message.request(5, "a", payload));
    }

    @Test
    void corruptCompressedPayloadIsRejected() {
        assertThatThrownBy(() -> PLAIN.decode(bytes("14 01 78 9c 00 01 02 03")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void inflatedSizeIsCapped() {
        MessageCodec capped = new MessageCodec(RouteDictionary.EMPTY, true, 100);
        byte[] body = COMPRESSING.encode(Message.response(1, new byte[1000]));
        assertThatThrownBy(() -> capped.decode(body)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void routeOf255BytesIsAcceptedAnd256Rejected() {
        String ok = "r".repeat(255);
        assertThat(PLAIN.decode(PLAIN.encode(Message.notify(ok, null))).route()).isEqualTo(ok);
        assertThatThrownBy(() -> PLAIN.encode(Message.notify("r".repeat(256), null)))
                .isInstanceOf(ProtocolException.class);
        // Multi-byte UTF-8 counts bytes, not chars: 128 x "é" is 256 bytes.
        assertThatThrownBy(() -> PLAIN.encode(Message.push("é".repeat(128), null)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void utf8RouteRoundTrips() {
        Message m = Message.request(7, "salle.é.join", utf8("{}"));
        assertThat(PLAIN.decode(PLAIN.encode(m))).isEqualTo(m);
    }

    @Test
    void routeIsCompressedOnlyForDictionaryRoutesAndRoutedTypes() {
        MessageCodec codec = new MessageCodec(RouteDictionary.of(Map.of("room.join", 0x0102)), false);
        assertThat(codec.encode(Message.request(1, "room.join", null))).isEqualTo(bytes("01 01 0102"));
        assertThat(codec.encode(Message.notify("room.join", null))).isEqualTo(bytes("03 0102"));
        assertThat(codec.encode(Message.notify("room.leave", null)))
                .isEqualTo(Hex.concat(bytes("02 0a"), utf8("room.leave")));
        assertThat(codec.encode(Message.response(1, null))).isEqualTo(bytes("04 01"));
    }

    @Test
    void unknownCompressedRouteCodeIsRejected() {
        MessageCodec codec = new MessageCodec(RouteDictionary.of(Map.of("a", 1)), false);
        assertThatThrownBy(() -> codec.decode(bytes("07 00 02")))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("route info not found in dictionary");
        assertThatThrownBy(() -> PLAIN.decode(bytes("01 00 00 01")))
                .hasMessage("route info not found in dictionary");
    }

    @Test
    void malformedMessagesAreRejected() {
        assertThatThrownBy(() -> PLAIN.decode(new byte[0])).hasMessage("invalid message");
        assertThatThrownBy(() -> PLAIN.decode(bytes("04"))).hasMessage("invalid message");
        // route length 5 but only 1 byte left
        assertThatThrownBy(() -> PLAIN.decode(bytes("02 05 61"))).hasMessage("invalid message");
        // compressed route needs 2 bytes
        assertThatThrownBy(() -> PLAIN.decode(bytes("07 00"))).hasMessage("invalid message");
        // request: id present but no route length byte
        assertThatThrownBy(() -> PLAIN.decode(bytes("00 01"))).hasMessage("invalid message");
    }

    @Test
    void unknownMessageTypesAreRejected() {
        for (int type = 4; type < 8; type++) {
            byte[] body = {(byte) (type << 1), 0x00, 0x00};
            assertThatThrownBy(() -> PLAIN.decode(body))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("wrong message type");
        }
    }

    @Test
    void badVarintsAreRejected() {
        // never terminates
        assertThatThrownBy(() -> PLAIN.decode(bytes("04 81 81")))
                .isInstanceOf(ProtocolException.class);
        // eleven bytes
        assertThatThrownBy(() -> PLAIN.decode(bytes("04 ffffffffffffffffffff 01")))
                .isInstanceOf(ProtocolException.class);
        // ten bytes whose last one carries more than the 64th bit
        assertThatThrownBy(() -> PLAIN.decode(bytes("04 ffffffffffffffffff 02")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void unsigned64BitIdsRoundTrip() {
        Message m = Message.response(-1L, null); // 2^64 - 1
        byte[] body = PLAIN.encode(m);
        assertThat(body).isEqualTo(bytes("04 ffffffffffffffffff 01"));
        assertThat(PLAIN.decode(body)).isEqualTo(m);
        Message big = Message.request(0xFFFFFFFFL, "a", null);
        assertThat(PLAIN.decode(PLAIN.encode(big))).isEqualTo(big);
    }

    @Test
    void messageNormalisesFieldsTheTypeDoesNotCarry() {
        assertThat(new Message(MessageType.RESPONSE, 3, "ignored", null, false).route()).isNull();
        assertThat(new Message(MessageType.PUSH, 9, "p", null, false).id()).isZero();
        assertThat(Message.push("p", null).data()).isEmpty();
        assertThatThrownBy(() -> Message.notify(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void messageEqualityIsByContent() {
        Message a = Message.request(1, "a.b", utf8("{}"));
        Message b = Message.request(1, "a.b", utf8("{}"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Message.request(1, "a.b", utf8("[]")));
        assertThat(a.toString()).contains("REQUEST").contains("a.b").contains("7b7d");
    }

    @Test
    void tooLargeMessageIsRejectedOnEncode() {
        byte[] payload = new byte[PacketCodec.MAX_BODY_LENGTH];
        assertThatThrownBy(() -> PLAIN.encode(Message.push("p", payload))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void messageTypeCodes() {
        assertThat(MessageType.fromCode(0)).isEqualTo(MessageType.REQUEST);
        assertThat(MessageType.fromCode(3)).isEqualTo(MessageType.PUSH);
        assertThat(MessageType.REQUEST.hasId()).isTrue();
        assertThat(MessageType.RESPONSE.hasRoute()).isFalse();
        assertThat(MessageType.NOTIFY.hasId()).isFalse();
        assertThatThrownBy(() -> MessageType.fromCode(4)).hasMessage("wrong message type");
    }
}
