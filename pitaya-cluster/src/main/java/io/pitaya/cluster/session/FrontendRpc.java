package io.pitaya.cluster.session;

import com.google.protobuf.MessageLite;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.rpc.RequestFactory;
import io.pitaya.cluster.server.ServerDescriptor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A backend's calls to the frontend that holds a player, by that frontend's id, as Pitaya's backend sessions make
 * them: user RPCs to the frontend's {@link SysRemotes} ({@code sys.bindsession}, {@code sys.pushsession},
 * {@code sys.kick}), route without server type, no session in the request. The frontend is looked up in the
 * servers last known to service discovery, so a backend that already left etcd (draining) still reaches the
 * frontends of its in-flight work. Each call takes the context of the forwarded request being handled: like Go's
 * handler context, its {@code reqTimeout} (the frontend's) bounds the call; without one, the client's default.
 */
public final class FrontendRpc {

    private final NatsRpcClient rpc;
    private final RequestFactory requests;
    private final Function<String, Optional<ServerDescriptor>> servers;

    /** @param servers a server by id, from service discovery (its last known servers once it closed) */
    public FrontendRpc(NatsRpcClient rpc, RequestFactory requests, Function<String, Optional<ServerDescriptor>> servers) {
        this.rpc = rpc;
        this.requests = requests;
        this.servers = servers;
    }

    /** The server type of frontend {@code frontendId}, for the users' push and kick subjects. */
    public Optional<String> frontendType(String frontendId) {
        return frontendId.isEmpty() ? Optional.empty() : servers.apply(frontendId).map(ServerDescriptor::type);
    }

    /** The RPC client, which also publishes to the users' push subjects. */
    public NatsRpcClient client() {
        return rpc;
    }

    /** {@code sys.bindsession}: binds the frontend's session {@code sessionId} to {@code uid}; waits for the answer. */
    public void bind(String frontendId, long sessionId, String uid, Optional<Duration> timeout) {
        await(call(frontendId, SysRemotes.BIND_SESSION, Session.newBuilder().setId(sessionId).setUid(uid).build(),
                timeout));
    }

    /** {@code sys.pushsession}: replaces the frontend session's data with {@code data}; waits for the answer. */
    public void pushSession(String frontendId, long sessionId, String uid, Map<String, Object> data,
                            Optional<Duration> timeout) {
        await(call(frontendId, SysRemotes.PUSH_SESSION, Session.newBuilder().setId(sessionId)
                .setUid(uid == null ? "" : uid).setData(SessionData.encode(data)).build(), timeout));
    }

    /**
     * {@code sys.kick}: the frontend kicks the user; waits for the answer and throws the frontend's error (as Go's
     * remote agent, the answer's {@code kicked} is not read: a frontend that could not kick answers an error).
     */
    public void kick(String frontendId, String uid, Optional<Duration> timeout) {
        await(kickAsync(frontendId, uid, timeout));
    }

    /** {@code sys.kick} without waiting; completes when the frontend answered. */
    public CompletionStage<Response> kickAsync(String frontendId, String uid, Optional<Duration> timeout) {
        return call(frontendId, SysRemotes.KICK, KickMsg.newBuilder().setUserId(uid).build(), timeout);
    }

    private CompletionStage<Response> call(String frontendId, String route, MessageLite argument,
                                           Optional<Duration> timeout) {
        Optional<ServerDescriptor> frontend = frontendId.isEmpty() ? Optional.empty() : servers.apply(frontendId);
        if (frontend.isEmpty()) {
            // Go's constants.ErrServerNotFound
            return CompletableFuture.failedFuture(new PitayaException(PitayaException.UNKNOWN, "server not found",
                    Map.of("serverId", frontendId)));
        }
        byte[] data = argument.toByteArray();
        return rpc.request(frontend.get(), requests.user(route, data, PropagatedContext.ofRequestTimeout(timeout)));
    }

    private static Response await(CompletionStage<Response> response) {
        try {
            return response.toCompletableFuture().join(); // the RPC client fails it after the request timeout
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof PitayaException p) {
                throw p;
            }
            throw new PitayaException(PitayaException.UNKNOWN, String.valueOf(cause.getMessage()), Map.of(), cause);
        }
    }
}
