package io.pitaya.it;

import io.pitaya.client.Response;
import io.pitaya.it.protobuf.TestRequest;
import io.pitaya.it.protobuf.TestResponse;
import io.pitaya.it.protobuf.TestSendToUsers;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.message.Compression;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pitaya's standalone end-to-end scenarios with {@code pitaya.serializertype=2}: handler arguments, results, pushes
 * and errors are protobuf ({@code protos.Error} for errors), raw bytes stay raw. Asserts the exact bytes, decoded
 * with the test's generated classes. Run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ProtobufConformanceTests {

    /** The transport under test. */
    abstract URI endpoint();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SerializerDeployments.protobuf();
    }

    private static TestRequest req(String msg) {
        return TestRequest.newBuilder().setMsg(msg).build();
    }

    private static TestResponse res(int code, String msg) {
        return TestResponse.newBuilder().setCode(code).setMsg(msg).build();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hex(String utf8) {
        return hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Pitaya's {@code protos.Error} bytes for code and msg, written out by hand. */
    private static String errorHex(String code, String msg) {
        return "0a" + String.format("%02x", code.length()) + hex(code) + "12" + String.format("%02x", msg.length()) + hex(msg);
    }

    private static byte[] error(ByteClient c, String route, byte[] body) throws Exception {
        Response r = c.request(route, body);
        assertThat(r.isError()).as("%s answers an error", route).isTrue();
        return r.data();
    }

    private static Response ok(ByteClient c, String route, byte[] body) throws Exception {
        Response r = c.request(route, body);
        assertThat(r.isError()).as("%s: %s", route, r).isFalse();
        return r;
    }

    @Test
    void theHandshakeAnnouncesProtobuf() throws Exception {
        try (RawConnection raw = RawConnection.open(endpoint())) {
            raw.send(PacketCodec.encode(PacketType.HANDSHAKE, "{\"sys\":{\"platform\":\"mac\"}}".getBytes(StandardCharsets.UTF_8)));
            byte[] packet = raw.receive(5000);
            assertThat(packet).isNotNull();
            byte[] body = java.util.Arrays.copyOfRange(packet, 4, packet.length);
            // 69 bytes of JSON would deflate to 72: sent plain
            assertThat(Compression.looksCompressed(body)).isFalse();
            assertThat(new String(body, StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"protobuf\"}}");
        }
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(c.client.handshake().serializer()).isEqualTo("protobuf");
            assertThat(ok(c, "testsvc.serializername", new byte[0]).dataAsString()).isEqualTo("protobuf");
        }
    }

    @Test
    void handlersReturningMessages() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            Response r = ok(c, "connector.testsvc.testrequestonlysessionreturnsptr", new byte[0]);
            assertThat(hex(r.data())).isEqualTo("08c801" + "1205" + hex("hello"));
            assertThat(TestResponse.parseFrom(r.data())).isEqualTo(res(200, "hello"));

            r = ok(c, "testsvc.testrequestreturnsptr", req("world").toByteArray());
            assertThat(hex(r.data())).isEqualTo("08c801" + "120b" + hex("hello world"));

            // an empty payload is the default message: msg ""
            r = ok(c, "testsvc.testrequestreturnsptr", new byte[0]);
            assertThat(TestResponse.parseFrom(r.data())).isEqualTo(res(200, "hello "));
        }
    }

    @Test
    void rawBytesInAndOut() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(ok(c, "testsvc.testrequestreturnsraw", req("good").toByteArray()).data())
                    .isEqualTo("good".getBytes(StandardCharsets.UTF_8));
            byte[] raw = {0, 1, 2, (byte) 0xff, 'x'};
            assertThat(ok(c, "testsvc.testrequestreceivereturnsraw", raw).data()).containsExactly(raw);
        }
    }

    @Test
    void handlersReturningNothingArePit000() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            String expected = errorHex("PIT-000", "reply must not be null");
            assertThat(hex(error(c, "testsvc.testrequestonlysessionreturnsptrnil", new byte[0]))).isEqualTo(expected);
            assertThat(hex(error(c, "testsvc.testrequestonlysessionreturnsrawnil", new byte[0]))).isEqualTo(expected);
        }
    }

    @Test
    void customErrorsWithCodeAndMetadata() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(hex(error(c, "testsvc.testrequestreturnserror", req("x").toByteArray())))
                    .isEqualTo(errorHex("PIT-555", "somerror"));

            byte[] withMeta = error(c, "testsvc.testrequestreturnserrorwithmetadata", new byte[0]);
            assertThat(hex(withMeta)).isEqualTo(errorHex("PIT-433", "test error")
                    + "1a0c" + "0a04" + hex("some") + "1204" + hex("meta"));
            io.pitaya.protocol.proto.Error parsed = io.pitaya.protocol.proto.Error.parseFrom(withMeta);
            assertThat(parsed.getMetadataMap()).isEqualTo(Map.of("some", "meta"));
        }
    }

    @Test
    void unknownRoutesArePit404() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(hex(error(c, "testsvc.nonexistenthandler", new byte[0])))
                    .isEqualTo(errorHex("PIT-404", "pitaya/handler: connector.testsvc.nonexistenthandler not found"));
            assertThat(ErrorPayload.fromProtobuf(error(c, "connector.testsvc.nonexistenthandler", new byte[0])))
                    .isEqualTo(ErrorPayload.of("PIT-404", "pitaya/handler: connector.testsvc.nonexistenthandler not found"));
        }
    }

    @Test
    void theDocsRoutesAreOffByDefault() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            assertThat(ErrorPayload.fromProtobuf(error(c, "connector.docsHandler.docs", new byte[0])))
                    .isEqualTo(ErrorPayload.of("PIT-404", "pitaya/handler: connector.docsHandler.docs not found"));
        }
    }

    @Test
    void wrongTypesAreExplained() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            ErrorPayload notProto = ErrorPayload.fromProtobuf(error(c, "testsvc.testrequestreturnsnotproto", new byte[0]));
            assertThat(notProto.code()).isEqualTo("PIT-000");
            assertThat(notProto.msg()).startsWith("protobuf serializer cannot encode a java.util.")
                    .endsWith("handlers must return (and push) com.google.protobuf.Message objects or byte[]");

            ErrorPayload garbage = ErrorPayload.fromProtobuf(error(c, "testsvc.testrequestreturnsptr", new byte[]{0x0a, 0x09, 'x'}));
            assertThat(garbage.code()).isEqualTo("PIT-400");
            assertThat(garbage.msg()).startsWith("could not decode the payload of testsvc.testrequestreturnsptr: invalid protobuf for "
                    + TestRequest.class.getName());
            assertThat(c.client.isConnected()).isTrue();
        }
    }

    @Test
    void notifyPushesAProtobufMessage() throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint())) {
            c.client.notify("testsvc.testnotify", req("n1").toByteArray()).get(5, TimeUnit.SECONDS);
            ByteClient.Push push = c.nextPush();
            assertThat(push.route()).isEqualTo("onNotify");
            assertThat(hex(push.data())).isEqualTo("0a02" + hex("n1"));
        }
    }

    @Test
    void bindThenPushToUsersAndGroupBroadcast() throws Exception {
        try (ByteClient a = ByteClient.connect(endpoint()); ByteClient b = ByteClient.connect(endpoint())) {
            assertThat(ok(a, "testsvc.testbind", "pa".getBytes(StandardCharsets.UTF_8)).dataAsString()).isEqualTo("ack");
            assertThat(ok(b, "testsvc.testbind", "pb".getBytes(StandardCharsets.UTF_8)).dataAsString()).isEqualTo("ack");

            TestSendToUsers toUsers = TestSendToUsers.newBuilder().addUids("pa").addUids("pb").setMsg("hi").build();
            assertThat(TestResponse.parseFrom(ok(a, "testsvc.testsendtousers", toUsers.toByteArray()).data())).isEqualTo(res(200, "ok"));
            for (ByteClient c : new ByteClient[]{a, b}) {
                ByteClient.Push p = c.nextPush();
                assertThat(p.route()).isEqualTo("route.sendtousers");
                assertThat(TestRequest.parseFrom(p.data())).isEqualTo(req("hi"));
            }

            ok(a, "testsvc.testsendgroupmsg", req("g").toByteArray());
            ok(b, "testsvc.testsendgroupmsg", req("g2").toByteArray());
            assertThat(push(a)).isEqualTo("route.test " + hex(req("g").toByteArray()));
            assertThat(push(a)).isEqualTo("route.test " + hex(req("g2").toByteArray()));
            assertThat(push(b)).isEqualTo("route.test " + hex(req("g2").toByteArray()));
        }
    }

    private static String push(ByteClient c) throws InterruptedException {
        ByteClient.Push p = c.nextPush();
        return p.route() + " " + hex(p.data());
    }

    @Test
    void kickUserAndKickMe() throws Exception {
        try (ByteClient victim = ByteClient.connect(endpoint()); ByteClient admin = ByteClient.connect(endpoint());
             ByteClient self = ByteClient.connect(endpoint())) {
            ok(victim, "testsvc.testbind", "pvictim".getBytes(StandardCharsets.UTF_8));
            Response r = ok(admin, "testsvc.testrequestkickuser", "pvictim".getBytes(StandardCharsets.UTF_8));
            assertThat(TestResponse.parseFrom(r.data())).isEqualTo(res(200, "ok"));
            victim.kicked.get(5, TimeUnit.SECONDS);
            assertThat(victim.closed.get(5, TimeUnit.SECONDS)).isEqualTo("kicked");
            assertThat(admin.client.isConnected()).isTrue();

            // the handler kicks before it returns: the kick wins and the request stays unanswered, as in Pitaya
            CompletableFuture<Response> bye = self.client.request("testsvc.testrequestkickme", new byte[0]);
            self.kicked.get(5, TimeUnit.SECONDS);
            assertThat(self.closed.get(5, TimeUnit.SECONDS)).isEqualTo("kicked");
            assertThat(bye).failsWithin(5, TimeUnit.SECONDS);
        }
    }
}
