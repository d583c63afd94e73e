package io.pitaya.core.serialize;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real server with {@code pitaya.serializertype=2}: protobuf in, protobuf out, errors as {@code protos.Error}. */
class ProtobufDispatchTest {

    @Handler("testsvc")
    public static class ProtoSvc {
        volatile Object last = "unset";

        public StringValue hello(StringValue name) {
            return StringValue.of("hello " + name.getValue());
        }

        public Int32Value count(Int32Value n) {
            last = n;
            return Int32Value.of(n.getValue() + 1);
        }

        public byte[] raw(byte[] in) {
            return in;
        }

        public StringValue nothing() {
            return null;
        }

        public Map<String, Object> notproto() {
            return Map.of("code", 200);
        }

        public StringValue custom() {
            throw new PitayaException("PIT-433", "test error", Map.of("some", "meta"));
        }

        public void tell(Session session, StringValue text) {
            session.push("onTell", StringValue.of("told " + text.getValue()));
        }

        public void tellbadly(Session session) {
            session.push("onTell", "a plain string");
        }
    }

    private final ProtoSvc svc = new ProtoSvc();
    private final TestServer server = TestServer.builder().serializer(new ProtobufSerializer()).handler(svc).start();
    private final TestClient client = server.connect();

    @AfterEach
    void stop() {
        server.close();
    }

    private void ready() {
        client.ready();
    }

    private void request(long id, String route, com.google.protobuf.MessageLite body) {
        client.send(Message.request(id, route, body.toByteArray()));
    }

    private Message answer(long id, boolean error) {
        Message m = client.nextMessage();
        assertThat(m.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.error()).as("error flag, payload %s", Hex.hex(m.data())).isEqualTo(error);
        return m;
    }

    private ErrorPayload error(long id) {
        return ErrorPayload.fromProtobuf(answer(id, true).data());
    }

    @Test
    void theHandshakeAnnouncesProtobuf() {
        client.handshake();
        assertThat(Hex.text(client.nextPacket().body()))
                .isEqualTo("{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"protobuf\"}}");
    }

    @Test
    void messagesInMessagesOut() throws Exception {
        ready();
        request(1, "testsvc.hello", StringValue.of("world"));
        assertThat(StringValue.parseFrom(answer(1, false).data()).getValue()).isEqualTo("hello world");
        request(2, "connector.testsvc.count", Int32Value.of(41));
        assertThat(Hex.hex(answer(2, false).data())).isEqualTo("082a"); // Int32Value{value=42}
    }

    @Test
    void anEmptyPayloadIsTheDefaultMessage() {
        ready();
        client.send(Message.request(1, "testsvc.count", new byte[0]));
        assertThat(Hex.hex(answer(1, false).data())).isEqualTo("0801");
        assertThat(svc.last).isEqualTo(Int32Value.getDefaultInstance());
    }

    @Test
    void rawBytesStayRaw() {
        ready();
        byte[] raw = {(byte) 0xff, 0, 0x7b};
        client.send(Message.request(1, "testsvc.raw", raw));
        assertThat(answer(1, false).data()).containsExactly(raw);
    }

    @Test
    void aNullReplyIsPit000AsProtosError() {
        ready();
        client.send(Message.request(1, "testsvc.nothing", new byte[0]));
        byte[] data = answer(1, true).data();
        assertThat(Hex.hex(data)).isEqualTo("0a07" + Hex.hex(Hex.utf8("PIT-000"))
                + "1216" + Hex.hex(Hex.utf8("reply must not be null")));
    }

    @Test
    void aNonProtobufResultIsPit000SayingWhy() {
        ready();
        client.send(Message.request(1, "testsvc.notproto", new byte[0]));
        ErrorPayload e = error(1);
        assertThat(e.code()).isEqualTo("PIT-000");
        assertThat(e.msg()).startsWith("protobuf serializer cannot encode a java.util.")
                .endsWith("handlers must return (and push) com.google.protobuf.Message objects or byte[]");
    }

    @Test
    void customErrorsKeepCodeAndMetadata() {
        ready();
        client.send(Message.request(1, "testsvc.custom", new byte[0]));
        assertThat(error(1)).isEqualTo(new ErrorPayload("PIT-433", "test error", Map.of("some", "meta")));
    }

    @Test
    void unknownRoutesArePit404() {
        ready();
        client.send(Message.request(1, "testsvc.nonexistenthandler", new byte[0]));
        assertThat(error(1)).isEqualTo(ErrorPayload.of("PIT-404", "pitaya/handler: connector.testsvc.nonexistenthandler not found"));
    }

    @Test
    void undecodablePayloadsArePit400() {
        ready();
        client.send(Message.request(1, "testsvc.hello", Hex.bytes("0a 05 68")));
        ErrorPayload e = error(1);
        assertThat(e.code()).isEqualTo("PIT-400");
        assertThat(e.msg()).startsWith("could not decode the payload of testsvc.hello: invalid protobuf for com.google.protobuf.StringValue");
    }

    @Test
    void pushesAreProtobufToo() throws Exception {
        ready();
        client.send(Message.notify("testsvc.tell", StringValue.of("x").toByteArray()));
        Message push = client.nextMessage();
        assertThat(push.type()).isEqualTo(MessageType.PUSH);
        assertThat(push.route()).isEqualTo("onTell");
        assertThat(StringValue.parseFrom(push.data()).getValue()).isEqualTo("told x");
    }

    @Test
    void pushingANonProtobufValueFailsInTheHandler() {
        ready();
        client.send(Message.request(1, "testsvc.tellbadly", new byte[0]));
        // a request to a notify route is refused before the handler runs; the notify itself logs the failure
        assertThat(error(1).code()).isEqualTo("PIT-400");
        client.send(Message.notify("testsvc.tellbadly", new byte[0]));
        client.send(Message.request(2, "testsvc.count", Int32Value.of(1).toByteArray()));
        assertThat(Hex.hex(answer(2, false).data())).as("no push went out, the session still works").isEqualTo("0802");
    }
}
