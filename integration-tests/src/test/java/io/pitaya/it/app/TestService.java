package io.pitaya.it.app;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The handlers of Pitaya's end-to-end test server (service {@code testsvc}), plus a few for this project's tests. */
@Handler("testsvc")
public class TestService {

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @Inject
    Groups groups;

    public TestResponse testrequestreturnsptr(TestRequest request) {
        return new TestResponse(200, "hello " + request.msg());
    }

    public byte[] testrequestreceivereturnsraw(byte[] raw) {
        return raw;
    }

    public TestResponse testrequestonlysessionreturnsptrnil() {
        return null;
    }

    public TestResponse testrequestreturnserror() {
        throw new PitayaException("PIT-555", "somerror");
    }

    public TestResponse testrequestreturnserrorwithmetadata() {
        throw new PitayaException("PIT-433", "test error", Map.of("some", "meta"));
    }

    public TestResponse testrequestthrows() {
        throw new IllegalStateException("boom");
    }

    /** A notify: answers nothing, but pushes what it got so the test sees it ran. */
    public void testnotify(TestRequest request) {
        session.push("onNotify", request);
    }

    public TestResponse testpushtome(TestRequest request) {
        session.push("route.test", request);
        return new TestResponse(200, "pushed");
    }

    public byte[] testbind(byte[] uid) {
        session.bind(new String(uid, StandardCharsets.UTF_8));
        return "ack".getBytes(StandardCharsets.UTF_8);
    }

    public TestResponse testsendtousers(SendToUsers request) {
        for (String uid : request.uids()) {
            sessions.byUid(uid).ifPresent(s -> s.push("route.sendtousers", new TestRequest(request.msg())));
        }
        return new TestResponse(200, "ok");
    }

    public TestResponse testrequestkickuser(byte[] uid) {
        sessions.byUid(new String(uid, StandardCharsets.UTF_8)).ifPresent(Session::kick);
        return new TestResponse(200, "ok");
    }

    public TestResponse testrequestkickme() {
        session.kick();
        return new TestResponse(200, "bye");
    }

    public TestResponse testsendgroupmsg(TestRequest request) {
        groups.createIfAbsent("g1");
        if (session.isBound() && !groups.contains("g1", session.uid())) {
            groups.add("g1", session.uid());
        }
        groups.broadcast("g1", "route.test", request);
        return new TestResponse(200, "ok");
    }

    /** Appends n to this session's list after a random pause, so overlapping calls would show up as disorder. */
    public void order(OrderItem item) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        @SuppressWarnings("unchecked")
        List<Integer> seen = (List<Integer>) session.get("order");
        List<Integer> next = seen == null ? new ArrayList<>() : new ArrayList<>(seen);
        next.add(item.n());
        session.set("order", next);
    }

    public OrderList orderlist() {
        @SuppressWarnings("unchecked")
        List<Integer> seen = (List<Integer>) session.get("order");
        return new OrderList(seen == null ? List.of() : seen);
    }

    /** Blocks this session for a while: other sessions must not wait for it. */
    public TestResponse slow(OrderItem millis) throws InterruptedException {
        Thread.sleep(millis.n());
        return new TestResponse(200, "slept");
    }
}
