package io.pitaya.cluster.forward;

import com.google.protobuf.ByteString;
import io.pitaya.api.Handshake;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.core.session.SessionLink;

import java.util.function.Supplier;

/**
 * A backend's way to the player of a forwarded message: pushes and kicks go to the user's subjects on the frontend
 * type ({@code pitaya/<frontendType>/user/<uid>/push|kick}), as Pitaya sends them; an unbound player cannot be
 * reached that way (Pitaya refuses too). The reply to the message itself goes back as the RPC response, not here.
 */
final class RemoteSessionLink implements SessionLink {

    private final NatsRpcClient rpc;
    private final String frontendId;
    private final String frontendType;
    private final Supplier<String> uid;

    RemoteSessionLink(NatsRpcClient rpc, String frontendId, String frontendType, Supplier<String> uid) {
        this.rpc = rpc;
        this.frontendId = frontendId;
        this.frontendType = frontendType;
        this.uid = uid;
    }

    @Override
    public boolean respond(long requestId, byte[] data, boolean error) {
        return false; // the dispatcher's Reply is the RPC response
    }

    @Override
    public boolean push(String route, byte[] data) {
        String user = uid.get();
        if (user == null || frontendType.isEmpty()) {
            return false;
        }
        rpc.sendPush(frontendType, Push.newBuilder().setRoute(route).setUid(user).setData(ByteString.copyFrom(data))
                .build());
        return true;
    }

    @Override
    public void kick() {
        String user = uid.get();
        if (user != null && !frontendType.isEmpty()) {
            rpc.sendKick(frontendType, KickMsg.newBuilder().setUserId(user).build());
        }
    }

    @Override
    public void close(String reason) {
        kick(); // a backend closes a player the only way it can reach it
    }

    @Override
    public String remoteAddress() {
        return "";
    }

    @Override
    public Handshake handshake() {
        return null;
    }

    @Override
    public String closeReason() {
        return null;
    }

    @Override
    public void bindRemotely(String uid) {
        // Pitaya's sys.bindsession to the frontend is not wired yet
        throw new UnsupportedOperationException("binding from a backend (sys.bindsession on " + frontendId
                + ") is not supported yet");
    }
}
