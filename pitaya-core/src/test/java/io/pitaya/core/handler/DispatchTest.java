package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing and error answers, through a real server (PROTOCOL.md §2 "Errors", §4). */
class DispatchTest {

    public record Point(int x, int y) {
    }

    @Handler("testsvc")
    public static class TestSvc {
        final List<Object> notified = new CopyOnWriteArrayList<>();
        final AtomicInteger notifyCalls = new AtomicInteger();
        volatile Session lastSession;
        volatile Object lastPayload = "unset";

        public Map<String, Object> echo(Map<String, Object> in) {
            return in;
        }

        public Point move(Point p) {
            return new Point(p.x() + 1, p.y() + 1);
        }

        public Map<String, Object> whoami(Session session) {
            lastSession = session;
            return Map.of("id", session.id());
        }

        public String optional(Map<String, Object> in) {
            lastPayload = in;
            return "ok";
        }

        public Object nullreply() {
            return null;
        }

        public String custom() {
            throw new PitayaException("PIT-555", "somerror");
        }

        public String custommeta() {
            throw new PitayaException("PIT-433", "test error", Map.of("some", "meta"));
        }

        public String boom() {
            throw new RuntimeException("boom");
        }

        public String checked() throws IOException {
            throw new IOException("disk on fire");
        }

        public Object unserializable() {
            return new Object() {
                public Object getSelf() {
                    return this;
                }
            };
        }

        public byte[] raw() {
            return new byte[]{0x00, 0x01, (byte) 0xfe, 0x7b};
        }

        public byte[] rawecho(byte[] in) {
            return in;
        }

        public int length(Session session, byte[] in) {
            return in.length;
        }

        public String big() {
            return "a".repeat(500);
        }

        public void notifyme(Session session, Map<String, Object> in) {
            notifyCalls.incrementAndGet();
            notified.add(in.get("n"));
        }

        public void notifythrows() {
            notifyCalls.incrementAndGet();
            throw new PitayaException("PIT-555", "notify failed");
        }
    }

    @Handler
    public static class Room {
        public Map<String, Object> join(Map<String, Object> in) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", 0);
            out.put("result", "success");
            return out;
        }
    }

    private final TestSvc svc = new TestSvc();
    private TestServer server = TestServer.start(svc);
    private final TestClient client = server.connect().ready();

    @AfterEach
    void stop() {
        server.close();
    }

    private static ErrorPayload error(String json) {
        return ErrorPayload.fromJson(Hex.utf8(json));
    }

    // --- routes ------------------------------------------------------------------------------------------

    @Test
    void twoPartRouteReachesTheHandler() {
        client.request(1, "testsvc.echo", "{\"a\":1,\"b\":\"x\"}");
        assertThat(client.response(1)).isEqualTo("{\"a\":1,\"b\":\"x\"}");
    }

    @Test
    void threePartRouteOfTheOwnServerTypeReachesTheHandler() {
        client.request(2, "connector.testsvc.echo", "{\"a\":2}");
        assertThat(client.response(2)).isEqualTo("{\"a\":2}");
    }

    @Test
    void payloadIsDeserializedToTheParameterTypeAndTheResultSerialized() {
        client.request(1, "testsvc.move", "{\"x\":1,\"y\":2,\"ignored\":true}");
        assertThat(client.response(1)).isEqualTo("{\"x\":2,\"y\":3}");
    }

    @Test
    void unknownRouteMatchesPitayasBytesExactly() {
        // PROTOCOL.md §2 test vector: error response id=300, route named with the server type
        client.request(300, "testsvc.nonexistenthandler", "{}");
        assertThat(Hex.hex(client.nextFrame())).isEqualTo(Hex.hex(Hex.bytes(
                "0400005c 24 ac02 7b22636f6465223a225049542d343034222c226d7367223a227069746179612f68616e646c65723a20"
                        + "636f6e6e6563746f722e746573747376632e6e6f6e6578697374656e7468616e646c6572206e6f7420666f756e64227d")));
    }

    @Test
    void unknownThreePartRouteAndUnknownServiceAreNotFound() {
        client.request(1, "connector.testsvc.nope", "{}");
        assertThat(client.errorResponse(1))
                .isEqualTo("{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nope not found\"}");
        client.request(2, "nosvc.echo", "{}");
        assertThat(client.errorResponse(2))
                .isEqualTo("{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.nosvc.echo not found\"}");
    }

    @Test
    void routesAreCaseSensitive() {
        client.request(1, "testsvc.Echo", "{}");
        assertThat(error(client.errorResponse(1)).code()).isEqualTo("PIT-404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "connector.testsvc.echo.more", "testsvc.", ".echo", "testsvc..echo", " .echo",
            "testsvc. ", ""})
    void invalidRouteIsABadRequest(String route) {
        client.request(7, route, "{}");
        assertThat(client.errorResponse(7)).isEqualTo("{\"code\":\"PIT-400\",\"msg\":\"invalid route\"}");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void routeToAnotherServerTypeHasNoServer() {
        client.request(4, "room.testsvc.echo", "{}");
        ErrorPayload e = error(client.errorResponse(4));
        assertThat(e.code()).isEqualTo("PIT-500");
        assertThat(e.msg()).isEqualTo("no servers available of this type");
    }

    @Test
    void requestToANotifyRouteIsRefusedWithoutCallingIt() {
        client.request(5, "testsvc.notifyme", "{\"n\":1}");
        assertThat(client.errorResponse(5))
                .isEqualTo("{\"code\":\"PIT-400\",\"msg\":\"tried to request a notify route\"}");
        assertThat(svc.notifyCalls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"x\":\"abc\"}", "[1,2]", "{\"x\":1} {}"})
    void payloadThatDoesNotParseIsABadRequest(String payload) {
        client.request(6, "testsvc.move", payload);
        ErrorPayload e = error(client.errorResponse(6));
        assertThat(e.code()).isEqualTo("PIT-400");
        assertThat(e.msg()).startsWith("could not decode the payload of testsvc.move");
    }

    @Test
    void emptyPayloadGivesANullArgument() {
        client.request(1, "testsvc.optional", "");
        assertThat(client.response(1)).isEqualTo("\"ok\"");
        assertThat(svc.lastPayload).isNull();
    }

    // --- handler results and errors ----------------------------------------------------------------------

    @Test
    void nullReplyIsAnError() {
        client.request(1, "testsvc.nullreply", "{}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"reply must not be null\"}");
    }

    @Test
    void pitayaExceptionKeepsItsCode() {
        client.request(1, "testsvc.custom", "{}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-555\",\"msg\":\"somerror\"}");
    }

    @Test
    void pitayaExceptionKeepsItsMetadata() {
        client.request(1, "testsvc.custommeta", "{}");
        assertThat(client.errorResponse(1))
                .isEqualTo("{\"code\":\"PIT-433\",\"msg\":\"test error\",\"metadata\":{\"some\":\"meta\"}}");
    }

    @Test
    void plainRuntimeExceptionIsUnknown() {
        client.request(1, "testsvc.boom", "{}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"boom\"}");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void checkedExceptionIsUnknown() {
        client.request(1, "testsvc.checked", "{}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"disk on fire\"}");
    }

    @Test
    void resultThatCannotBeSerializedIsUnknown() {
        client.request(1, "testsvc.unserializable", "{}");
        assertThat(error(client.errorResponse(1)).code()).isEqualTo("PIT-000");
    }

    @Test
    void byteArrayResultIsSentRaw() {
        client.request(1, "testsvc.raw", "{}");
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("040000060401" + "0001fe7b");
    }

    @Test
    void byteArrayParameterReceivesTheRawPayload() {
        byte[] notJson = {(byte) 0xff, 0x00, 0x10, 0x7b};
        client.send(Message.request(1, "testsvc.rawecho", notJson));
        Message answer = client.nextMessage();
        assertThat(answer.error()).isFalse();
        assertThat(answer.data()).containsExactly(notJson);
    }

    @Test
    void compressedRequestPayloadIsInflatedBeforeDispatch() {
        byte[] body = new MessageCodec(RouteDictionary.EMPTY, true)
                .encode(Message.request(9, "testsvc.length", Hex.utf8("x".repeat(300))));
        assertThat(body[0] & 0x10).as("request was compressed").isEqualTo(0x10);

        client.send(PacketType.DATA, body);

        assertThat(client.response(9)).isEqualTo("300");
    }

    @Test
    void sessionParameterReceivesTheMessagesSession() {
        client.request(1, "testsvc.whoami", "{}");
        assertThat(client.response(1)).isEqualTo("{\"id\":" + client.id() + "}");
        assertThat(svc.lastSession).isSameAs(client.session());
    }

    @Test
    void responseIdEchoesAMultiByteRequestId() {
        client.request(300, "testsvc.echo", "{}");
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("04000005" + "04ac02" + "7b7d");
        client.request(0xFFFF_FFFFL, "testsvc.echo", "{}");
        assertThat(client.response(0xFFFF_FFFFL)).isEqualTo("{}");
    }

    @Test
    void pitayaRequestAndResponseVectors() {
        server.close();
        server = TestServer.builder().type("room").handler(new Room()).start();
        TestClient room = server.connect().ready();

        room.sendFrame(Hex.bytes("040000130001 0e 726f6f6d2e726f6f6d2e6a6f696e 7b7d"));

        assertThat(Hex.hex(room.nextFrame()))
                .isEqualTo("0400001f" + "0401" + "7b22636f6465223a302c22726573756c74223a2273756363657373227d");
    }

    @Test
    void largeResponsesAreCompressedWhenCompressionIsOn() {
        server.close();
        server = TestServer.builder().compression(true).handler(svc).start();
        TestClient c = server.connect().ready();

        c.request(1, "testsvc.big", "{}");
        byte[] frame = c.nextFrame();
        assertThat(frame[4]).as("flag: response | compressed").isEqualTo((byte) 0x14);
        assertThat(frame.length).isLessThan(500);
        Message m = new MessageCodec(RouteDictionary.EMPTY, false).decode(PacketCodec.decodeFrame(frame).body());
        assertThat(Hex.text(m.data())).isEqualTo("\"" + "a".repeat(500) + "\"");

        c.request(2, "testsvc.echo", "{}");
        assertThat(Hex.hex(c.nextFrame())).as("short payloads stay plain").isEqualTo("04000004" + "0402" + "7b7d");
    }

    // --- notifies ----------------------------------------------------------------------------------------

    @Test
    void notifyRunsTheHandlerAndIsNotAnswered() {
        client.notify("testsvc.notifyme", "{\"n\":1}");
        client.notify("connector.testsvc.notifyme", "{\"n\":2}");
        client.request(2, "testsvc.echo", "{}"); // answered after the notifies: same session, in order

        assertThat(client.response(2)).isEqualTo("{}");
        assertThat(svc.notified).containsExactly(1, 2);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void notifyToARequestHandlerRunsItWithoutAnAnswer() {
        client.notify("testsvc.whoami", "{}");
        client.request(2, "testsvc.echo", "{}");
        assertThat(client.response(2)).isEqualTo("{}");
        assertThat(svc.lastSession).isSameAs(client.session());
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void failingNotifiesAreNotAnsweredAndKeepTheConnectionOpen() {
        client.notify("testsvc.notifythrows", "{}");
        client.notify("testsvc.missing", "{}");
        client.notify("invalid", "{}");
        client.notify("room.testsvc.echo", "{}");
        client.notify("testsvc.notifyme", "{not json");
        client.request(3, "testsvc.echo", "{\"still\":\"open\"}");

        assertThat(client.response(3)).isEqualTo("{\"still\":\"open\"}");
        assertThat(svc.notifyCalls).hasValue(1);
        assertThat(client.isClosed()).isFalse();
        client.connection().assertNothingMoreWritten();
    }
}
