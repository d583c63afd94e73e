package io.pitaya.cluster.session;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.pitaya.api.Handler;
import io.pitaya.api.Rpc;
import io.pitaya.api.Session;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.KickAnswer;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.MsgType;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.cluster.testsupport.TestCluster.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Java backend sends to the frontend of a player, on the wire, as a Go frontend would receive it: the test
 * plays a Go frontend (registered in etcd, its NATS subject served by hand) that forwards a client message and
 * answers the backend's sys remotes as Go's {@code remote/sys.go} does.
 */
class BackendSysCallsWireTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final ByteString ACK = Response.newBuilder().setData(ByteString.copyFromUtf8("ack")).build()
            .toByteString();

    @Handler("room")
    public static class Room {
        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            return Map.of("bound", session.uid());
        }

        public Map<String, Object> save(Session session, Map<String, Object> in) {
            session.set("level", 9);
            session.pushToFront();
            return Map.of("ok", true);
        }

        public Map<String, Object> leave(Session session, Map<String, Object> in) {
            session.kick();
            return Map.of("ok", true);
        }

        /** Calls a remote of the Go frontend that never answers, with {@code withTimeout(in.timeout)} if given. */
        public Map<String, Object> ask(Session session, Map<String, Object> in) {
            Rpc calls = in.containsKey("timeout") ? rpc.withTimeout(Duration.parse((String) in.get("timeout"))) : rpc;
            return Map.of("answer", calls.call("connector.remote.slow", null, String.class));
        }

        volatile Rpc rpc;
    }

    /** How the Go frontend answers sys.kick: Go's KickAnswer{kicked: true} unless a test says otherwise; null: never. */
    private volatile Response kickReply = Response.newBuilder()
            .setData(KickAnswer.newBuilder().setKicked(true).build().toByteString()).build();
    private final ServerDescriptor goFrontend = new ServerDescriptor("go-connector-1", "connector", Map.of(), true, "go");
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private TestCluster cluster;
    private Node backend;
    private Connection nats;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestCluster(ETCD, NATS);
        Room room = new Room();
        backend = cluster.node("room", false, Map.of("pitaya.cluster.rpc.client.nats.requesttimeout",
                REQUEST_TIMEOUT.toMillis() + "ms"), room);
        room.rpc = backend.rpc();
        nats = Nats.connect(NATS.url());
        Dispatcher dispatcher = nats.createDispatcher();
        dispatcher.subscribe("pitaya/servers/connector/" + goFrontend.id(), this::answer);
        nats.flush(Duration.ofSeconds(2));
        cluster.register(goFrontend);
    }

    @AfterEach
    void stop() throws Exception {
        nats.close();
        cluster.close();
    }

    /** Go's sys remotes: ack for bind and push, {@link #kickReply} for kick. */
    private void answer(Message message) {
        try {
            Request request = Request.parseFrom(message.getData());
            received.add(request);
            String route = request.getMsg().getRoute();
            Response reply = route.endsWith("sys.kick") ? kickReply
                    : route.endsWith("remote.slow") ? null : Response.newBuilder().setData(ACK).build();
            if (reply != null) {
                nats.publish(message.getReplyTo(), reply.toByteArray());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBindOnTheBackendIsAUserRpcSysBindsessionWithTheFrontendsSessionIdAndUid() throws Exception {
        Response reply = forward("room.room.login", "{\"uid\":\"alice\"}");

        assertThat(reply.getData().toStringUtf8()).isEqualTo("{\"bound\":\"alice\"}");
        Request bind = next();
        assertThat(bind.getType()).isEqualTo(RPCType.User);
        assertThat(bind.getMsg().getRoute()).isEqualTo("sys.bindsession");
        assertThat(bind.getMsg().getType()).isEqualTo(MsgType.MsgRequest);
        assertThat(bind.getMsg().getId()).isZero();
        assertThat(bind.hasSession()).as("user RPCs carry no session").isFalse();
        assertThat(bind.getFrontendID()).as("only a frontend names itself").isEmpty();
        assertThat(io.pitaya.cluster.protos.Session.parseFrom(bind.getMsg().getData()))
                .isEqualTo(io.pitaya.cluster.protos.Session.newBuilder().setId(42).setUid("alice").build());
        PropagatedContext context = PropagatedContext.decode(bind.getMetadata().toByteArray());
        assertThat(context.get(PropagatedContext.PEER_ID)).contains((Object) backend.id());
        assertThat(context.get(PropagatedContext.REQUEST_TIMEOUT)).isPresent();
    }

    @Test
    void pushToFrontIsSysPushsessionWithTheWholeDataAsJson() throws Exception {
        forward("room.room.save", "{}");

        Request push = next();
        assertThat(push.getMsg().getRoute()).isEqualTo("sys.pushsession");
        io.pitaya.cluster.protos.Session session = io.pitaya.cluster.protos.Session.parseFrom(push.getMsg().getData());
        assertThat(session.getId()).isEqualTo(42);
        assertThat(session.getUid()).isEqualTo("bob");
        assertThat(session.getData().toStringUtf8()).contains("\"level\":9").contains("\"ipversion\":\"ipv4\"");
    }

    @Test
    void aKickOnTheBackendIsSysKickWithTheUid() throws Exception {
        forward("room.room.leave", "{}");

        Request kick = next();
        assertThat(kick.getMsg().getRoute()).isEqualTo("sys.kick");
        assertThat(KickMsg.parseFrom(kick.getMsg().getData()).getUserId()).isEqualTo("bob");
    }

    @Test
    void aKickTheFrontendAnswersWithAnErrorFailsOnTheBackendWithThatError() throws Exception {
        // Go's sys.kick when the user is not on that frontend (any more): KickAnswer{kicked: false} and the error
        kickReply = Response.newBuilder().setData(KickAnswer.newBuilder().setKicked(false).build().toByteString())
                .setError(io.pitaya.protocol.proto.Error.newBuilder().setCode("PIT-000").setMsg("session not found"))
                .build();

        Response reply = forwardAnswer("room.room.leave", "{}", "bob");

        assertThat(next().getMsg().getRoute()).isEqualTo("sys.kick");
        assertThat(reply.getError().getCode()).as("the handler's session.kick() threw it").isEqualTo("PIT-000");
        assertThat(reply.getError().getMsg()).isEqualTo("session not found");
    }

    @Test
    void aKickTheFrontendDoesNotAnswerFailsWithPit408AfterTheRequestTimeout() throws Exception {
        kickReply = null;

        long start = System.nanoTime();
        Response reply = forwardAnswer("room.room.leave", "{}", "bob");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.getError().getCode()).isEqualTo("PIT-408");
        assertThat(reply.getError().getMsg()).isEqualTo("rpc client: request timeout");
        assertThat(reply.getError().getMetadataMap()).containsEntry("route", "sys.kick")
                .containsEntry("peer.id", goFrontend.id());
        assertThat(took).as("the backend's request timeout").isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.multipliedBy(3));
    }

    @Test
    void aBackendsCallsKeepTheForwardedRequestsTimeoutAsGosHandlerContextDoes() throws Exception {
        kickReply = null;

        long start = System.nanoTime();
        Response reply = forwardAnswer("room.room.leave", "{}", "bob",
                "{\"peer.id\":\"go-connector-1\",\"reqTimeout\":\"300ms\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Request kick = next();
        assertThat(PropagatedContext.decode(kick.getMetadata().toByteArray()).get(PropagatedContext.REQUEST_TIMEOUT))
                .contains((Object) "300ms");
        assertThat(reply.getError().getCode()).isEqualTo("PIT-408");
        assertThat(reply.getError().getMetadataMap()).containsEntry("timeout", "300ms");
        assertThat(took).as("the Go frontend's 300 ms, not the backend's own 1 s").isLessThan(REQUEST_TIMEOUT);
    }

    @Test
    void aBackendHandlersRpcKeepsTheForwardedRequestsTimeoutAsGosHandlerContextDoes() throws Exception {
        long start = System.nanoTime();
        Response reply = forwardAnswer("room.room.ask", "{}", "bob",
                "{\"peer.id\":\"go-connector-1\",\"reqTimeout\":\"300ms\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Request call = next();
        assertThat(call.getMsg().getRoute()).isEqualTo("connector.remote.slow");
        assertThat(PropagatedContext.decode(call.getMetadata().toByteArray()).get(PropagatedContext.REQUEST_TIMEOUT))
                .contains((Object) "300ms");
        assertThat(reply.getError().getCode()).isEqualTo("PIT-408");
        assertThat(reply.getError().getMetadataMap()).containsEntry("timeout", "300ms");
        assertThat(took).as("the Go frontend's 300 ms, not the backend's own 1 s").isLessThan(REQUEST_TIMEOUT);
    }

    @Test
    void aTimeoutTheHandlerSetsWinsOverTheForwardedOneAsInGo() throws Exception {
        Response reply = forwardAnswer("room.room.ask", "{\"timeout\":\"PT0.6S\"}", "bob",
                "{\"peer.id\":\"go-connector-1\",\"reqTimeout\":\"300ms\"}");

        assertThat(PropagatedContext.decode(next().getMetadata().toByteArray()).get(PropagatedContext.REQUEST_TIMEOUT))
                .contains((Object) "600ms");
        assertThat(reply.getError().getCode()).isEqualTo("PIT-408");
        assertThat(reply.getError().getMetadataMap()).containsEntry("timeout", "600ms");
    }

    @Test
    void withoutAForwardedTimeoutAHandlersRpcWaitsTheBackendsOwn() throws Exception {
        Response reply = forwardAnswer("room.room.ask", "{}", "bob");

        assertThat(reply.getError().getCode()).isEqualTo("PIT-408");
        assertThat(reply.getError().getMetadataMap()).containsEntry("timeout", "1s");
    }

    @Test
    void aKickOfAnUnboundSessionFailsWithGosErrorAndSendsNothing() throws Exception {
        Response reply = forwardAnswer("room.room.leave", "{}", "");

        assertThat(reply.getError().getCode()).isEqualTo("PIT-000");
        assertThat(reply.getError().getMsg()).isEqualTo("you have to bind an UID to the session to do that");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("nothing sent to the frontend").isNull();
    }

    /** The Go frontend forwards a client request of session 42 (uid "bob" unless the route binds). */
    private Response forward(String route, String json) throws Exception {
        Response response = forwardAnswer(route, json, route.endsWith("login") ? "" : "bob");
        assertThat(response.hasError()).as("error %s", response.getError()).isFalse();
        return response;
    }

    /** The backend's answer to a client request of session 42 bound to {@code uid} ("": unbound). */
    private Response forwardAnswer(String route, String json, String uid) throws Exception {
        return forwardAnswer(route, json, uid, "{\"peer.id\":\"go-connector-1\"}");
    }

    /** The same with the request's metadata (a Go frontend's propagated context). */
    private Response forwardAnswer(String route, String json, String uid, String metadata) throws Exception {
        Request request = Request.newBuilder().setType(RPCType.Sys).setFrontendID(goFrontend.id())
                .setSession(io.pitaya.cluster.protos.Session.newBuilder().setId(42).setUid(uid)
                        .setData(ByteString.copyFromUtf8("{\"ipversion\":\"ipv4\"}")))
                .setMsg(Msg.newBuilder().setId(3).setRoute(route).setType(MsgType.MsgRequest)
                        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)))
                .setMetadata(ByteString.copyFromUtf8(metadata)).build();
        Message reply = nats.request("pitaya/servers/room/" + backend.id(), request.toByteArray(), Duration.ofSeconds(5));
        return Response.parseFrom(reply.getData());
    }

    private Request next() throws InterruptedException {
        Request request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the Go frontend").isNotNull();
        return request;
    }
}
