package io.pitaya.cluster.session;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.pitaya.api.Session;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.MsgType;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.cluster.testsupport.TestCluster.Node;
import io.pitaya.core.testing.TestClient;
import io.pitaya.protocol.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.pitaya.cluster.session.UsersAcrossServersTest.loggedIn;
import static io.pitaya.protocol.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend's sys remotes on the wire, as a Go backend calls them: a User {@code Request} on NATS to
 * {@code pitaya/servers/<type>/<id>} with route {@code sys.<remote>}, the protobuf argument in {@code Msg.data},
 * metadata {@code {}}; the answer is the marshalled reply message in {@code Response.data}.
 */
class SysRemotesTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private TestCluster cluster;
    private Node frontend;
    private Connection goBackend;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestCluster(ETCD, NATS);
        frontend = cluster.frontend("connector", new UsersAcrossServersTest.Entry());
        goBackend = Nats.connect(NATS.url());
    }

    @AfterEach
    void stop() throws Exception {
        goBackend.close();
        cluster.close();
    }

    @Test
    void bindSessionBindsTheSessionByIdAndAnswersAckInAResponse() throws Exception {
        TestClient client = frontend.server().connect().ready();

        byte[] answer = call("sys.bindsession", io.pitaya.cluster.protos.Session.newBuilder().setId(client.id())
                .setUid("w1").build().toByteString());

        assertThat(hex(answer)).as("Response{data: Response{data: \"ack\"}}").isEqualTo("0a050a0361636b");
        assertThat(frontend.server().sessions().byUid("w1")).get().extracting(Session::id).isEqualTo(client.id());
    }

    @Test
    void pushSessionReplacesTheDataAndARouteWithTheServerTypeIsServedToo() throws Exception {
        TestClient client = loggedIn(frontend, "w2");
        Session session = frontend.server().sessions().byUid("w2").orElseThrow();
        session.set("old", 1);

        byte[] answer = call("connector.sys.pushsession", io.pitaya.cluster.protos.Session.newBuilder()
                .setId(client.id()).setUid("w2").setData(ByteString.copyFromUtf8("{\"level\":3,\"name\":\"ann\"}"))
                .build().toByteString());

        assertThat(hex(answer)).isEqualTo("0a050a0361636b");
        assertThat(session.data()).isEqualTo(Map.of("level", 3, "name", "ann"));
    }

    @Test
    void kickKicksTheUserAndAnswersAKickAnswer() throws Exception {
        TestClient client = loggedIn(frontend, "w3");

        byte[] answer = call("sys.kick", KickMsg.newBuilder().setUserId("w3").build().toByteString());

        assertThat(hex(answer)).as("Response{data: KickAnswer{kicked: true}}").isEqualTo("0a020801");
        assertThat(client.nextPacket().type()).isEqualTo(PacketType.KICK);
    }

    @Test
    void anUnknownSessionOrUserIsPitayasSessionNotFound() throws Exception {
        Response bind = Response.parseFrom(call("sys.bindsession",
                io.pitaya.cluster.protos.Session.newBuilder().setId(987654).setUid("x").build().toByteString()));
        Response kick = Response.parseFrom(call("sys.kick", KickMsg.newBuilder().setUserId("nobody").build().toByteString()));

        for (Response response : new Response[]{bind, kick}) {
            assertThat(response.getError().getCode()).isEqualTo("PIT-000");
            assertThat(response.getError().getMsg()).isEqualTo("session not found");
        }
    }

    @Test
    void anArgumentThatIsNotTheRemotesMessageIsABadRequest() throws Exception {
        Response response = Response.parseFrom(call("sys.kick", ByteString.copyFrom(new byte[]{(byte) 0xff, 0x01})));

        assertThat(response.getError().getCode()).isEqualTo("PIT-400");
    }

    @Test
    void aBindTheSessionRefusesAnswersItsError() throws Exception {
        TestClient client = loggedIn(frontend, "w4");

        Response response = Response.parseFrom(call("sys.bindsession", io.pitaya.cluster.protos.Session.newBuilder()
                .setId(client.id()).setUid("w5").build().toByteString()));

        assertThat(response.getError().getCode()).isEqualTo("PIT-000");
        assertThat(response.getError().getMsg()).isEqualTo("session is already bound to an uid");
    }

    /** A user RPC as Go's remote agent sends it ({@code SendRequest}: no session, message id 0, no frontendID). */
    private byte[] call(String route, ByteString argument) throws Exception {
        Request request = Request.newBuilder().setType(RPCType.User)
                .setMsg(Msg.newBuilder().setRoute(route).setData(argument).setType(MsgType.MsgRequest))
                .setMetadata(ByteString.copyFrom("{}", StandardCharsets.UTF_8)).build();
        return goBackend.request("pitaya/servers/connector/" + frontend.id(), request.toByteArray(),
                Duration.ofSeconds(5)).getData();
    }
}
