package io.pitaya.cluster.protos;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.protocol.proto.Error;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.pitaya.protocol.Hex.bytes;
import static io.pitaya.protocol.Hex.concat;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The hand-encoded vectors of PROTOCOL.md §7, byte for byte, both ways. */
class ClusterProtosTest {

    private static final String SESSION_DATA = "{\"ipversion\":\"ipv4\"}";
    private static final String METADATA = "{\"peer.id\":\"f1\",\"peer.service\":\"connector\","
            + "\"req-route\":\"room.room.join\",\"req-start-time\":1700000000000000000,\"reqTimeout\":\"5s\","
            + "\"request.id\":\"r-1\"}";

    private static final byte[] SYS_REQUEST = concat(
            bytes("12 1c 08 01 12 02 75 31 1a 14"), utf8(SESSION_DATA),
            bytes("1a 16 08 07 12 0e"), utf8("room.room.join"), bytes("1a 02 7b 7d"),
            bytes("22 02 66 31"),
            bytes("2a 92 01"), utf8(METADATA));

    @Test
    void sysRequestEncodesAsTheReferenceVector() throws Exception {
        byte[] metadata = PropagatedContext.empty()
                .with(PropagatedContext.REQUEST_ID, "r-1")
                .withRequestTimeout(Duration.ofSeconds(5))
                .with(PropagatedContext.ROUTE, "room.room.join")
                .with(PropagatedContext.PEER_SERVICE, "connector")
                .with(PropagatedContext.START_TIME, 1700000000000000000L)
                .with(PropagatedContext.PEER_ID, "f1")
                .encode();
        assertThat(metadata).hasSize(146);
        Request request = Request.newBuilder()
                .setType(RPCType.Sys)
                .setSession(Session.newBuilder().setId(1).setUid("u1").setData(ByteString.copyFromUtf8(SESSION_DATA)))
                .setMsg(Msg.newBuilder().setId(7).setRoute("room.room.join").setData(ByteString.copyFromUtf8("{}"))
                        .setType(MsgType.MsgRequest))
                .setFrontendID("f1")
                .setMetadata(ByteString.copyFrom(metadata))
                .build();

        assertThat(request.toByteArray()).isEqualTo(SYS_REQUEST);

        Request decoded = Request.parseFrom(SYS_REQUEST);
        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.getMsg().getReply()).isEmpty();
        assertThat(PropagatedContext.decode(decoded.getMetadata().toByteArray()).string(PropagatedContext.PEER_ID))
                .contains("f1");
    }

    @Test
    void userRequestCarriesItsTypeAndNoSession() throws Exception {
        Request request = Request.newBuilder().setType(RPCType.User)
                .setMsg(Msg.newBuilder().setRoute("room.remote.echo")).setMetadata(ByteString.copyFromUtf8("{}"))
                .build();
        byte[] expected = concat(bytes("08 01 1a 12 12 10"), utf8("room.remote.echo"), bytes("2a 02 7b 7d"));

        assertThat(request.toByteArray()).isEqualTo(expected);
        assertThat(Request.parseFrom(expected).hasSession()).isFalse();
    }

    @Test
    void responseWithData() throws Exception {
        Response response = Response.newBuilder().setData(ByteString.copyFromUtf8("ack")).build();
        byte[] expected = concat(bytes("0a 03"), utf8("ack"));

        assertThat(response.toByteArray()).isEqualTo(expected);
        assertThat(Response.parseFrom(expected).hasError()).isFalse();
    }

    @Test
    void responseWithErrorCodeMessageAndMetadata() throws Exception {
        Response response = Response.newBuilder().setError(Error.newBuilder().setCode("PIT-404")
                .setMsg("route not found").putMetadata("route", "room.x")).build();
        byte[] expected = concat(bytes("12 2b 0a 07"), utf8("PIT-404"), bytes("12 0f"), utf8("route not found"),
                bytes("1a 0f 0a 05"), utf8("route"), bytes("12 06"), utf8("room.x"));

        assertThat(response.toByteArray()).isEqualTo(expected);
        assertThat(Response.parseFrom(expected).getError().getMetadataMap()).containsEntry("route", "room.x");
    }

    @Test
    void kickAndBindMessages() throws Exception {
        assertThat(KickMsg.newBuilder().setUserId("u1").build().toByteArray()).isEqualTo(bytes("0a 02 75 31"));
        assertThat(BindMsg.newBuilder().setUid("u1").setFid("f1").build().toByteArray())
                .isEqualTo(bytes("0a 02 75 31 12 02 66 31"));
        assertThat(KickAnswer.newBuilder().setKicked(true).build().toByteArray()).isEqualTo(bytes("08 01"));
        assertThat(BindMsg.parseFrom(bytes("0a 02 75 31 12 02 66 31")).getFid()).isEqualTo("f1");
    }

    @Test
    void pushCarriesRouteUidAndRawData() throws Exception {
        Push push = Push.newBuilder().setRoute("onMessage").setUid("u1").setData(ByteString.copyFromUtf8("{}")).build();
        byte[] expected = concat(bytes("0a 09"), utf8("onMessage"), bytes("12 02 75 31 1a 02 7b 7d"));

        assertThat(push.toByteArray()).isEqualTo(expected);
        assertThat(Push.parseFrom(expected)).isEqualTo(push);
    }

    @Test
    void pushMessageTypeIsEncodedWhenNotTheDefault() throws InvalidProtocolBufferException {
        Msg notify = Msg.newBuilder().setRoute("r").setType(MsgType.MsgNotify).build();

        assertThat(notify.toByteArray()).isEqualTo(concat(bytes("12 01"), utf8("r"), bytes("28 01")));
        assertThat(Msg.parseFrom(notify.toByteArray()).getType()).isEqualTo(MsgType.MsgNotify);
    }
}
