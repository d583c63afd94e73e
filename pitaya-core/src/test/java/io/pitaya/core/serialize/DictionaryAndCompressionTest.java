package io.pitaya.core.serialize;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Route compression with the application's dictionary, and payload compression, through a real server. */
class DictionaryAndCompressionTest {

    @Handler("testsvc")
    public static class Svc {
        public byte[] echo(byte[] in) {
            return in;
        }

        public void pushboth(Session session, byte[] text) {
            session.push("onMessage", text);   // in the dictionary
            session.push("onOther", text);     // not in it
        }
    }

    private static RouteDictionary dictionary() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("connector.testsvc.echo", 1);
        m.put("testsvc.pushboth", 2);
        m.put("onMessage", 4);
        return RouteDictionary.of(m);
    }

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private TestClient start(boolean compression) {
        server = TestServer.builder().dictionary(dictionary()).compression(compression).handler(new Svc()).start();
        return server.connect();
    }

    @Test
    void theHandshakeCarriesTheDictionaryZlibCompressedWhenShorter() {
        TestClient client = start(true);
        client.handshake();
        byte[] body = client.nextPacket().body();
        assertThat(Compression.looksCompressed(body)).as("a dictionary makes the handshake compressible").isTrue();
        assertThat(Hex.hex(body)).startsWith("789c");
        assertThat(Hex.text(Compression.inflate(body))).isEqualTo("{\"code\":200,\"sys\":{\"dict\":{"
                + "\"connector.testsvc.echo\":1,\"onMessage\":4,\"testsvc.pushboth\":2},\"heartbeat\":30,\"serializer\":\"json\"}}");
    }

    @Test
    void withoutCompressionTheHandshakeIsPlainJson() {
        TestClient client = start(false);
        client.handshake();
        assertThat(Hex.text(client.nextPacket().body())).startsWith("{\"code\":200,\"sys\":{\"dict\":{\"connector.testsvc.echo\":1,");
    }

    @Test
    void compressedRequestRoutesAreDecodedWithTheDictionary() {
        TestClient client = start(false);
        client.ready();
        client.data(Hex.bytes("01 07 0001 616263")); // request id 7, route code 1, body "abc"
        assertThat(client.response(7)).isEqualTo("abc");
        client.data(Hex.bytes("03 0002 7a")); // notify, route code 2 (testsvc.pushboth), body "z"
        assertThat(Hex.hex(client.nextFrame())).as("push route in the dictionary: code").isEqualTo("04000004" + "07" + "0004" + "7a");
        assertThat(Hex.hex(client.nextFrame())).as("push route not in it: text")
                .isEqualTo("0400000a" + "06" + "07" + Hex.hex(Hex.utf8("onOther")) + "7a");
    }

    @Test
    void anUnknownRouteCodeClosesTheConnection() {
        TestClient client = start(false);
        client.ready();
        client.data(Hex.bytes("01 07 0063 7b7d")); // code 99
        client.connection().awaitClosed();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void withAnEmptyDictionaryNoRouteIsEverCompressed() {
        server = TestServer.builder().compression(true).handler(new Svc()).start();
        TestClient client = server.connect().ready();
        client.notify("testsvc.pushboth", "z");
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("0400000c" + "06" + "09" + Hex.hex(Hex.utf8("onMessage")) + "7a");
    }

    /** {@link TestClient#ready()} for a handshake that may come compressed. */
    private static void ready(TestClient client) {
        client.handshake();
        byte[] body = client.nextPacket().body();
        assertThat(Hex.text(Compression.looksCompressed(body) ? Compression.inflate(body) : body)).startsWith("{\"code\":200,");
        client.ack();
    }

    @Test
    void payloadsAreCompressedOnlyWhenSmaller() {
        TestClient client = start(true);
        ready(client);
        String big = "abc".repeat(200);
        client.request(1, "testsvc.echo", big);
        byte[] frame = client.nextFrame();
        assertThat(frame[4]).as("response | compressed").isEqualTo((byte) 0x14);
        assertThat(frame.length).isLessThan(100);
        Message m = new MessageCodec(RouteDictionary.EMPTY, false).decode(PacketCodec.decodeFrame(frame).body());
        assertThat(Hex.text(m.data())).isEqualTo(big);

        client.request(2, "testsvc.echo", "0123456789abcdef"); // incompressible: deflate would be longer
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("04000012" + "0402" + Hex.hex(Hex.utf8("0123456789abcdef")));

        client.notify("testsvc.pushboth", big);
        byte[] push = client.nextFrame();
        assertThat(push[4]).as("push | route compressed | compressed").isEqualTo((byte) 0x17);
        assertThat(Hex.hex(push).substring(10, 14)).isEqualTo("0004");
        assertThat(Hex.text(Compression.inflate(java.util.Arrays.copyOfRange(push, 7, push.length)))).isEqualTo(big);
        byte[] other = client.nextFrame();
        assertThat(other[4]).as("push | compressed").isEqualTo((byte) 0x16);
    }

    @Test
    void compressionOffNeverSetsTheFlag() {
        TestClient client = start(false);
        client.ready();
        String big = "abc".repeat(200);
        client.request(1, "testsvc.echo", big);
        byte[] frame = client.nextFrame();
        assertThat(frame[4]).isEqualTo((byte) 0x04);
        assertThat(frame.length).isEqualTo(4 + 2 + big.length());
    }

    @Test
    void compressedClientPayloadsAreInflated() {
        TestClient client = start(false); // the server's own setting does not matter for input
        client.ready();
        String big = "xyz".repeat(300);
        byte[] body = new MessageCodec(dictionary(), true).encode(Message.request(3, "connector.testsvc.echo", Hex.utf8(big)));
        assertThat(body[0]).as("request | route compressed | compressed").isEqualTo((byte) 0x11);
        client.send(PacketType.DATA, body);
        assertThat(client.response(3)).isEqualTo(big);

        // gzip is accepted too (libpitaya's inflater auto-detects, some clients send it)
        byte[] gz = gzip(Hex.utf8(big));
        byte[] gzBody = new byte[4 + gz.length];
        gzBody[0] = 0x11;
        gzBody[1] = 4;
        gzBody[2] = 0;
        gzBody[3] = 1;
        System.arraycopy(gz, 0, gzBody, 4, gz.length);
        client.send(PacketType.DATA, gzBody);
        assertThat(client.response(4)).isEqualTo(big);
    }

    private static byte[] gzip(byte[] in) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(in);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
