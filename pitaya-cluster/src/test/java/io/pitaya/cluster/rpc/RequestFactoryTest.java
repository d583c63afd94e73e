package io.pitaya.cluster.rpc;

import com.google.protobuf.ByteString;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.MsgType;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.server.ServerDescriptor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.pitaya.protocol.Hex.text;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class RequestFactoryTest {

    private final ServerDescriptor frontend = new ServerDescriptor("f1", "connector", Map.of(), true, "h");
    private final ServerDescriptor backend = new ServerDescriptor("b1", "room", Map.of(), false, "h");
    private final Session session = Session.newBuilder().setId(1).setUid("u1")
            .setData(ByteString.copyFromUtf8("{\"ipversion\":\"ipv4\"}")).build();

    @Test
    void aForwardedRequestCarriesTheMessageIdSessionFrontendAndPeer() {
        Request request = new RequestFactory(frontend, Duration.ofSeconds(5))
                .sys("room.room.join", false, 7, utf8("{}"), session, PropagatedContext.empty());

        assertThat(request.getType()).isEqualTo(RPCType.Sys);
        assertThat(request.getMsg().getId()).isEqualTo(7);
        assertThat(request.getMsg().getType()).isEqualTo(MsgType.MsgRequest);
        assertThat(request.getMsg().getReply()).isEmpty();
        assertThat(request.getSession()).isEqualTo(session);
        assertThat(request.getFrontendID()).isEqualTo("f1");
        assertThat(text(request.getMetadata().toByteArray()))
                .isEqualTo("{\"peer.id\":\"f1\",\"peer.service\":\"connector\",\"reqTimeout\":\"5s\"}");
    }

    @Test
    void aNotifyHasMessageIdZero() {
        Request request = new RequestFactory(frontend, Duration.ofSeconds(5))
                .sys("room.room.say", true, 9, utf8("{}"), session, PropagatedContext.empty());

        assertThat(request.getMsg().getId()).isZero();
        assertThat(request.getMsg().getType()).isEqualTo(MsgType.MsgNotify);
    }

    @Test
    void aRemoteCallFromABackendHasNoSessionNoFrontendAndKeepsTheCallersTimeout() {
        Request request = new RequestFactory(backend, Duration.ofSeconds(5)).user("connector.remote.ping",
                new byte[] {8, 1}, PropagatedContext.empty().withRequestTimeout(Duration.ofMillis(250)));

        assertThat(request.getType()).isEqualTo(RPCType.User);
        assertThat(request.hasSession()).isFalse();
        assertThat(request.getFrontendID()).isEmpty();
        assertThat(request.getMsg().getData().toByteArray()).containsExactly(8, 1);
        assertThat(PropagatedContext.decode(request.getMetadata().toByteArray()).requestTimeout())
                .contains(Duration.ofMillis(250));
    }
}
