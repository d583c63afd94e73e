package io.pitaya.it.protobuf;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Pitaya's end-to-end test handlers (service {@code testsvc}) for a server with {@code pitaya.serializertype=2}:
 * arguments and results are the protobuf messages of {@code testsvc.proto}, or raw bytes.
 */
@Handler("testsvc")
public class ProtoTestService {

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @Inject
    Groups groups;

    @Inject
    Serializer serializer;

    public TestResponse testrequestonlysessionreturnsptr() {
        return TestResponse.newBuilder().setCode(200).setMsg("hello").build();
    }

    public TestResponse testrequestonlysessionreturnsptrnil() {
        return null;
    }

    public byte[] testrequestonlysessionreturnsrawnil() {
        return null;
    }

    public TestResponse testrequestreturnsptr(TestRequest request) {
        return TestResponse.newBuilder().setCode(200).setMsg("hello " + request.getMsg()).build();
    }

    public byte[] testrequestreturnsraw(TestRequest request) {
        return request.getMsg().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] testrequestreceivereturnsraw(byte[] raw) {
        return raw;
    }

    public TestResponse testrequestreturnserror(TestRequest request) {
        throw new PitayaException("PIT-555", "somerror");
    }

    public TestResponse testrequestreturnserrorwithmetadata() {
        throw new PitayaException("PIT-433", "test error", Map.of("some", "meta"));
    }

    /** Not a protobuf message: the serializer refuses it and the client gets PIT-000 saying so. */
    public Map<String, Object> testrequestreturnsnotproto() {
        return Map.of("code", 200);
    }

    /** The active serializer is injectable; answers its handshake name. */
    public byte[] serializername() {
        return serializer.name().getBytes(StandardCharsets.UTF_8);
    }

    /** A notify: answers nothing, but pushes what it got so the test sees it ran. */
    public void testnotify(TestRequest request) {
        session.push("onNotify", request);
    }

    public byte[] testbind(byte[] uid) {
        session.bind(new String(uid, StandardCharsets.UTF_8));
        return "ack".getBytes(StandardCharsets.UTF_8);
    }

    public TestResponse testsendgroupmsg(TestRequest request) {
        groups.createIfAbsent("g1");
        if (session.isBound() && !groups.contains("g1", session.uid())) {
            groups.add("g1", session.uid());
        }
        groups.broadcast("g1", "route.test", request);
        return TestResponse.newBuilder().setCode(200).setMsg("ok").build();
    }

    public TestResponse testsendtousers(TestSendToUsers request) {
        for (String uid : request.getUidsList()) {
            sessions.byUid(uid).ifPresent(s -> s.push("route.sendtousers",
                    TestRequest.newBuilder().setMsg(request.getMsg()).build()));
        }
        return TestResponse.newBuilder().setCode(200).setMsg("ok").build();
    }

    public TestResponse testrequestkickuser(byte[] uid) {
        sessions.byUid(new String(uid, StandardCharsets.UTF_8)).ifPresent(Session::kick);
        return TestResponse.newBuilder().setCode(200).setMsg("ok").build();
    }

    public TestResponse testrequestkickme() {
        session.kick();
        return TestResponse.newBuilder().setCode(200).setMsg("bye").build();
    }
}
