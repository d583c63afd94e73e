package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.testkit.LibpitayaHandshake;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route dictionary from {@code pitaya.handler.dictionary} and payload compression (on by default), at the byte
 * level: the handshake carries the dictionary (zlib, being shorter), compressed routes from clients are decoded,
 * push routes are compressed only when listed, payloads carry flag 0x10 only when deflate made them smaller, and
 * compressed client payloads are inflated. Run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DictionaryCompressionTests {

    static final String DICTIONARY = "connector.testsvc.echo:1,testsvc.pushboth:2,onMessage:4";
    static final String HANDSHAKE_JSON = "{\"code\":200,\"sys\":{\"dict\":{\"connector.testsvc.echo\":1,\"onMessage\":4,"
            + "\"testsvc.pushboth\":2},\"heartbeat\":30,\"serializer\":\"json\"}}";
    static final byte[] CLIENT_HANDSHAKE = LibpitayaHandshake.packet();

    /** The transport under test. */
    abstract URI endpoint();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SerializerDeployments.dictionary();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static byte[] data(String messageHex) {
        return PacketCodec.encode(PacketType.DATA, bytes(messageHex));
    }

    /** Handshake (checking it), ack; returns the connection ready for data. */
    private RawConnection ready() throws Exception {
        RawConnection raw = RawConnection.open(endpoint());
        raw.send(CLIENT_HANDSHAKE);
        byte[] packet = raw.receive(5000);
        assertThat(packet).isNotNull();
        assertThat(packet[0]).isEqualTo((byte) 1);
        byte[] body = Arrays.copyOfRange(packet, 4, packet.length);
        assertThat(new String(Compression.inflate(body), StandardCharsets.UTF_8)).isEqualTo(HANDSHAKE_JSON);
        raw.send(new byte[]{2, 0, 0, 0});
        return raw;
    }

    /** The next Data packet's body (message bytes, flag first), skipping heartbeats. */
    private static byte[] nextMessage(RawConnection raw) throws Exception {
        for (int i = 0; i < 10; i++) {
            byte[] frame = raw.receive(5000);
            assertThat(frame).as("a data packet").isNotNull();
            Packet p = PacketCodec.decodeFrame(frame, PacketCodec.MAX_BODY_LENGTH);
            if (p.type() == PacketType.DATA) {
                return p.body();
            }
        }
        throw new AssertionError("no data packet");
    }

    @Test
    void theHandshakeCarriesTheDictionaryCompressed() throws Exception {
        try (RawConnection raw = RawConnection.open(endpoint())) {
            raw.send(CLIENT_HANDSHAKE);
            byte[] packet = raw.receive(5000);
            byte[] body = Arrays.copyOfRange(packet, 4, packet.length);
            assertThat(hex(body)).as("zlib, default level, like Go").startsWith("789c");
            assertThat(body.length).isLessThan(HANDSHAKE_JSON.length());
            assertThat(new String(Compression.inflate(body), StandardCharsets.UTF_8)).isEqualTo(HANDSHAKE_JSON);
        }
        try (ByteClient c = ByteClient.connect(endpoint())) {
            HandshakeResponse hs = c.client.handshake();
            assertThat(hs.dictionary().asMap()).isEqualTo(Map.of("connector.testsvc.echo", 1, "testsvc.pushboth", 2, "onMessage", 4));
        }
    }

    @Test
    void compressedRequestRoutesAreAccepted() throws Exception {
        try (RawConnection raw = ready()) {
            raw.send(data("01 07 0001 616263")); // request id 7, route code 1 = connector.testsvc.echo, "abc"
            assertThat(hex(nextMessage(raw))).isEqualTo("04 07 616263".replace(" ", ""));
            // routes not in the dictionary still work as text
            raw.send(PacketCodec.encode(PacketType.DATA, new MessageCodec(RouteDictionary.EMPTY, false)
                    .encode(Message.request(8, "testsvc.hello", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))));
            assertThat(new String(nextMessage(raw), StandardCharsets.UTF_8)).endsWith("{\"hello\":\"x\"}");
        }
        // the SDK learns the dictionary from the handshake and compresses the route itself
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(c.request("connector.testsvc.echo", "sdk".getBytes(StandardCharsets.UTF_8)).dataAsString()).isEqualTo("sdk");
        }
    }

    @Test
    void anUnknownRouteCodeClosesOnlyThatConnection() throws Exception {
        try (RawConnection raw = ready()) {
            raw.send(data("01 07 0063 7b7d")); // code 99 is not in the dictionary
            assertThat(raw.closedWithin(3000)).isTrue();
        }
        try (RawConnection raw = ready()) {
            raw.send(data("01 01 0001 6f6b"));
            assertThat(hex(nextMessage(raw))).isEqualTo("0401" + hex("ok"));
        }
    }

    @Test
    void pushRoutesAreCompressedOnlyWhenInTheDictionary() throws Exception {
        try (RawConnection raw = ready()) {
            raw.send(data("03 0002 7a")); // notify, route code 2 = testsvc.pushboth, payload "z"
            assertThat(hex(nextMessage(raw))).as("onMessage: code 4").isEqualTo("07" + "0004" + "7a");
            assertThat(hex(nextMessage(raw))).as("onOther: as text").isEqualTo("06" + "07" + hex("onOther") + "7a");
        }
        // the SDK decodes the compressed push route back to its name
        try (ByteClient c = ByteClient.connect(endpoint())) {
            c.client.notify("testsvc.pushboth", "p".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            assertThat(c.nextPush().route()).isEqualTo("onMessage");
            assertThat(c.nextPush().route()).isEqualTo("onOther");
        }
    }

    @Test
    void responsesAndPushesAreCompressedOnlyWhenSmaller() throws Exception {
        String big = "pitaya ".repeat(100);
        try (RawConnection raw = ready()) {
            raw.send(PacketCodec.encode(PacketType.DATA, new MessageCodec(RouteDictionary.EMPTY, false)
                    .encode(Message.request(1, "connector.testsvc.echo", big.getBytes(StandardCharsets.UTF_8)))));
            byte[] response = nextMessage(raw);
            assertThat(response[0]).as("response | compressed").isEqualTo((byte) 0x14);
            assertThat(response.length).isLessThan(big.length() / 4);
            assertThat(new String(Compression.inflate(Arrays.copyOfRange(response, 2, response.length)), StandardCharsets.UTF_8))
                    .isEqualTo(big);

            raw.send(data("01 02 0001" + hex("0123456789abcdef"))); // deflate would be longer: sent as is
            assertThat(hex(nextMessage(raw))).isEqualTo("0402" + hex("0123456789abcdef"));

            raw.send(data("03 0002" + hex(big)));
            byte[] inDict = nextMessage(raw);
            assertThat(inDict[0]).as("push | route compressed | compressed").isEqualTo((byte) 0x17);
            assertThat(new String(Compression.inflate(Arrays.copyOfRange(inDict, 3, inDict.length)), StandardCharsets.UTF_8)).isEqualTo(big);
            byte[] notInDict = nextMessage(raw);
            assertThat(notInDict[0]).as("push | compressed").isEqualTo((byte) 0x16);
            assertThat(new String(Compression.inflate(Arrays.copyOfRange(notInDict, 2 + "onOther".length(), notInDict.length)),
                    StandardCharsets.UTF_8)).isEqualTo(big);
        }
    }

    @Test
    void compressedClientPayloadsAreInflated() throws Exception {
        String big = "inflate me ".repeat(80);
        try (RawConnection raw = ready()) {
            byte[] zlib = Compression.deflate(big.getBytes(StandardCharsets.UTF_8));
            raw.send(data("11 05 0001" + hex(zlib))); // request | route compressed | payload compressed
            byte[] response = nextMessage(raw);
            assertThat(response[0] & 0x10).isEqualTo(0x10);
            assertThat(new String(Compression.inflate(Arrays.copyOfRange(response, 2, response.length)), StandardCharsets.UTF_8))
                    .isEqualTo(big);
        }
        // the SDK compresses what it sends when asked (as libpitaya does by default)
        try (ByteClient c = ByteClient.connect(endpoint(), PitayaClient.builder().compressPayloads(true))) {
            Response r = c.request("connector.testsvc.echo", big.getBytes(StandardCharsets.UTF_8));
            assertThat(r.dataAsString()).isEqualTo(big);
            Response json = c.client.request("testsvc.hello", Map.of("name", "z".repeat(200))).get(5, TimeUnit.SECONDS);
            assertThat(json.dataAsString()).isEqualTo("{\"hello\":\"" + "z".repeat(200) + "\"}");
        }
    }
}
