package io.pitaya.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Calls {@link Remote} methods of servers of the cluster (Pitaya's {@code app.RPC} and {@code app.RPCTo}).
 * Inject it anywhere ({@code @Inject Rpc rpc}); it is thread-safe.
 *
 * <p>The route is {@code serverType.service.method}. {@link #call} sends to a server of that type chosen at random;
 * {@link #callTo} to the server with that id. A call for this server's own type (without an id, or with this
 * server's id) runs the remote here, without the network, as Pitaya v2 does with {@code loopbackenabled}; standalone,
 * that is the only type there is.
 *
 * <p>The argument and the reply travel as the remote's parameter and return types do (see {@link Remote}): a
 * protobuf message as protobuf bytes (Go Pitaya's remotes understand only those), a {@code byte[]} raw, anything else
 * as JSON. A null argument is an empty payload.
 *
 * <p>Every failure is a {@link PitayaException} with Pitaya's code: the remote's own error (code, message and
 * metadata as the remote threw them), {@code PIT-404 "route not found"} for a route the target does not serve,
 * {@code PIT-500 "no servers available of this type"} when no server of the type is known, {@code PIT-408
 * "rpc client: request timeout"} when the answer does not come in time.
 */
public interface Rpc {

    /** Calls a server of the route's type and waits for the reply. */
    <R> R call(String route, Object argument, Class<R> replyType);

    /** Calls the server {@code serverId} (its type is the route's) and waits for the reply. */
    <R> R callTo(String serverId, String route, Object argument, Class<R> replyType);

    /** Like {@link #call}, without waiting: the stage completes with the reply or fails with a PitayaException. */
    <R> CompletionStage<R> callAsync(String route, Object argument, Class<R> replyType);

    /** Like {@link #callTo}, without waiting. */
    <R> CompletionStage<R> callToAsync(String serverId, String route, Object argument, Class<R> replyType);

    /**
     * The same calls with this timeout instead of the default ({@code pitaya.cluster.rpc.client.nats.requesttimeout},
     * 5 s). It bounds calls to other servers; it is sent along as Pitaya's propagated {@code reqTimeout}. Without
     * it, a call made on the thread of a handler serving a message another server forwarded (or of a remote serving
     * another server's call) takes that request's {@code reqTimeout}, as Go's handler context does.
     */
    Rpc withTimeout(Duration timeout);
}
