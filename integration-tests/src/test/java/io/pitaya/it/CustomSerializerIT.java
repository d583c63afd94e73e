package io.pitaya.it;

import io.pitaya.client.Response;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Compression;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own serializer ({@code @SerializerName("upper")} bean, selected by {@code pitaya.serializer=upper})
 * and its route dictionary from a CDI producer, in WildFly.
 */
@ExtendWith(ArquillianExtension.class)
class CustomSerializerIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SerializerDeployments.customSerializer();
    }

    @Test
    void theHandshakeAnnouncesTheApplicationsSerializerAndDictionary() throws Exception {
        try (RawConnection raw = RawConnection.open(Deployments.WS)) {
            raw.send(PacketCodec.encode(PacketType.HANDSHAKE, "{\"sys\":{}}".getBytes(StandardCharsets.UTF_8)));
            byte[] packet = raw.receive(5000);
            byte[] body = Arrays.copyOfRange(packet, 4, packet.length);
            byte[] json = Compression.looksCompressed(body) ? Compression.inflate(body) : body;
            assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                    "{\"code\":200,\"sys\":{\"dict\":{\"onShout\":8,\"testsvc.shout\":7},\"heartbeat\":30,\"serializer\":\"upper\"}}");
        }
    }

    @Test
    void requestsResponsesAndErrorsGoThroughIt() throws Exception {
        try (ByteClient c = ByteClient.connect(Deployments.WS)) {
            assertThat(c.client.handshake().serializer()).isEqualTo("upper");
            // testsvc.shout is in the dictionary: the SDK sends route code 7
            assertThat(c.request("testsvc.shout", "hi".getBytes(StandardCharsets.UTF_8)).dataAsString()).isEqualTo("HI!");

            Response fail = c.request("testsvc.fail", new byte[0]);
            assertThat(fail.isError()).isTrue();
            assertThat(fail.dataAsString()).isEqualTo("ERR APP-001 nope");

            Response missing = c.request("testsvc.nothere", new byte[0]);
            assertThat(missing.dataAsString()).isEqualTo("ERR PIT-404 pitaya/handler: connector.testsvc.nothere not found");

            // @Inject Serializer is the active serializer: the application's
            assertThat(c.request("testsvc.serializername", new byte[0]).dataAsString()).isEqualTo("upper");
        }
    }

    @Test
    void pushesUseItAndListedRoutesAreCompressed() throws Exception {
        try (RawConnection raw = RawConnection.open(Deployments.WS)) {
            raw.send(PacketCodec.encode(PacketType.HANDSHAKE, "{\"sys\":{}}".getBytes(StandardCharsets.UTF_8)));
            assertThat(raw.receive(5000)).isNotNull();
            raw.send(new byte[]{2, 0, 0, 0});
            raw.send(PacketCodec.encode(PacketType.DATA, HexFormat.of().parseHex("02" + "0c" + HexFormat.of().formatHex(
                    "testsvc.tell".getBytes(StandardCharsets.UTF_8)) + "78"))); // notify testsvc.tell "x"
            assertThat(HexFormat.of().formatHex(nextData(raw))).isEqualTo("07" + "0008" + "58");
            assertThat(HexFormat.of().formatHex(nextData(raw))).isEqualTo("06" + "09"
                    + HexFormat.of().formatHex("onWhisper".getBytes(StandardCharsets.UTF_8)) + "58");
        }
        try (ByteClient c = ByteClient.connect(Deployments.WS)) {
            c.client.notify("testsvc.tell", "yo".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            ByteClient.Push push = c.nextPush();
            assertThat(Map.entry(push.route(), new String(push.data(), StandardCharsets.UTF_8))).isEqualTo(Map.entry("onShout", "YO"));
        }
    }

    private static byte[] nextData(RawConnection raw) throws Exception {
        for (int i = 0; i < 10; i++) {
            byte[] frame = raw.receive(5000);
            assertThat(frame).isNotNull();
            Packet p = PacketCodec.decodeFrame(frame, PacketCodec.MAX_BODY_LENGTH);
            if (p.type() == PacketType.DATA) {
                return p.body();
            }
        }
        throw new AssertionError("no data packet");
    }
}
