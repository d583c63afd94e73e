package io.pitaya.cluster.session;

import com.google.protobuf.ByteString;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.session.UserMessenger;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes and kicks for users on other servers, as Pitaya sends them: published to
 * {@code pitaya/<frontendType>/user/<uid>/push} and {@code /kick}, where the frontend holding the user listens. A
 * user connected nowhere is no failure (nobody listens); a publish NATS refuses (not connected) is.
 */
public final class NatsUserMessenger implements UserMessenger {

    private static final Logger LOG = Logger.getLogger(NatsUserMessenger.class.getName());

    private final ServerDescriptor self;
    private final NatsRpcClient rpc;

    public NatsUserMessenger(ServerDescriptor self, NatsRpcClient rpc) {
        this.self = self;
        this.rpc = rpc;
    }

    @Override
    public boolean holdsUsersOf(String frontendType) {
        return self.type().equals(frontendType);
    }

    @Override
    public boolean push(String frontendType, String uid, String route, byte[] data) {
        try {
            rpc.sendPush(frontendType, Push.newBuilder().setRoute(route).setUid(uid).setData(ByteString.copyFrom(data))
                    .build());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "push to " + uid + " on " + frontendType + " not sent", e);
            return false;
        }
    }

    @Override
    public boolean kick(String frontendType, String uid) {
        try {
            rpc.sendKick(frontendType, KickMsg.newBuilder().setUserId(uid).build());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "kick of " + uid + " on " + frontendType + " not sent", e);
            return false;
        }
    }
}
