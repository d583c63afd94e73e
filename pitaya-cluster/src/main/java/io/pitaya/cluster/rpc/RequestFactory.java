package io.pitaya.cluster.rpc;

import com.google.protobuf.ByteString;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.Msg;
import io.pitaya.cluster.protos.MsgType;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.server.ServerDescriptor;

import java.time.Duration;

/**
 * Builds Requests the way a Pitaya server does (PROTOCOL.md §7 "How a Request is built"): {@code peer.id} and
 * {@code peer.service} of this server and a {@code reqTimeout} (the caller's, else the client's default) in the
 * metadata, {@code frontendID} only when this server is a frontend, {@code Msg.reply} left empty for the receiver.
 */
public final class RequestFactory {

    private final ServerDescriptor self;
    private final Duration defaultTimeout;

    public RequestFactory(ServerDescriptor self, Duration defaultTimeout) {
        this.self = self;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * A client message forwarded to a backend: the message id only for a request (0 for a notify), the session
     * snapshot ({@code id}, {@code uid}, {@code data} = the session's JSON).
     */
    public Request sys(String route, boolean notify, long messageId, byte[] data, Session session,
                       PropagatedContext context) {
        Msg.Builder msg = Msg.newBuilder().setRoute(route).setData(ByteString.copyFrom(data))
                .setType(notify ? MsgType.MsgNotify : MsgType.MsgRequest).setId(notify ? 0 : messageId);
        return request(RPCType.Sys, msg, context).setSession(session).build();
    }

    /** A remote call ({@code app.RPC}): a protobuf argument, no session, message id 0. */
    public Request user(String route, byte[] argument, PropagatedContext context) {
        Msg.Builder msg = Msg.newBuilder().setRoute(route).setData(ByteString.copyFrom(argument))
                .setType(MsgType.MsgRequest);
        return request(RPCType.User, msg, context).build();
    }

    private Request.Builder request(RPCType type, Msg.Builder msg, PropagatedContext context) {
        PropagatedContext metadata = context.with(PropagatedContext.PEER_ID, self.id())
                .with(PropagatedContext.PEER_SERVICE, self.type());
        if (metadata.get(PropagatedContext.REQUEST_TIMEOUT).isEmpty()) {
            metadata = metadata.withRequestTimeout(defaultTimeout);
        }
        Request.Builder request = Request.newBuilder().setType(type).setMsg(msg)
                .setMetadata(ByteString.copyFrom(metadata.encode()));
        if (self.frontend()) {
            request.setFrontendID(self.id());
        }
        return request;
    }
}
