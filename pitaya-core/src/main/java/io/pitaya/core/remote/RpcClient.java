package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Rpc;

import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The application's {@link Rpc}: encodes the argument, runs a call for this server (its own type without an id, or
 * its id) on the {@link RemoteDispatcher} and sends any other through the {@link RemoteCaller}, then decodes the
 * reply. Immutable; {@link #withTimeout} makes a copy.
 */
final class RpcClient implements Rpc {

    private final Remotes remotes;
    private final Duration timeout;

    RpcClient(Remotes remotes, Duration timeout) {
        this.remotes = remotes;
        this.timeout = timeout;
    }

    @Override
    public <R> R call(String route, Object argument, Class<R> replyType) {
        return send(null, route, argument, replyType);
    }

    @Override
    public <R> R callTo(String serverId, String route, Object argument, Class<R> replyType) {
        return send(Objects.requireNonNull(serverId, "serverId"), route, argument, replyType);
    }

    @Override
    public <R> CompletionStage<R> callAsync(String route, Object argument, Class<R> replyType) {
        return sendAsync(null, route, argument, replyType);
    }

    @Override
    public <R> CompletionStage<R> callToAsync(String serverId, String route, Object argument, Class<R> replyType) {
        return sendAsync(Objects.requireNonNull(serverId, "serverId"), route, argument, replyType);
    }

    @Override
    public Rpc withTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an RPC timeout must be positive: " + timeout);
        }
        return new RpcClient(remotes, timeout);
    }

    /** Waits; a call for this server runs on the calling thread. */
    private <R> R send(String serverId, String route, Object argument, Class<R> replyType) {
        RemoteRoute parsed = RemoteRoute.parse(route);
        Remotes.Running running = remotes.running();
        byte[] data = encode(argument);
        if (isLocal(running, serverId, parsed)) {
            return decode(running.dispatcher().invoke(parsed.key(), data), replyType, parsed);
        }
        byte[] reply;
        try {
            // bounded by the caller's timeout; interruptible, so an undeploy does not wait for it
            reply = running.caller().call(serverId, parsed, data, timeout).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PitayaException(PitayaException.INTERNAL, "interrupted while waiting for " + parsed,
                    Map.of("route", parsed.toString()), e);
        }
        return decode(reply, replyType, parsed);
    }

    private <R> CompletionStage<R> sendAsync(String serverId, String route, Object argument, Class<R> replyType) {
        RemoteRoute parsed;
        Remotes.Running running;
        byte[] data;
        try {
            parsed = RemoteRoute.parse(route);
            running = remotes.running();
            data = encode(argument);
        } catch (PitayaException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (isLocal(running, serverId, parsed)) {
            return CompletableFuture.supplyAsync(() -> decode(running.dispatcher().invoke(parsed.key(), data),
                    replyType, parsed), running.executor());
        }
        // the caller completes on its own threads (NATS'): the application's continuations run on the handler pool
        return running.caller().call(serverId, parsed, data, timeout)
                .thenApplyAsync(bytes -> decode(bytes, replyType, parsed), running.executor());
    }

    /** Pitaya v2's loopback rule: this server's own type without an id, or this server's id. */
    private boolean isLocal(Remotes.Running running, String serverId, RemoteRoute route) {
        return serverId == null ? route.serverType().equals(remotes.serverType())
                : serverId.equals(running.caller().serverId());
    }

    private byte[] encode(Object argument) {
        try {
            return remotes.codec().encode(argument);
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "cannot encode the RPC argument: " + e.getMessage(),
                    Map.of(), e);
        }
    }

    private <R> R decode(byte[] reply, Class<R> replyType, RemoteRoute route) {
        try {
            @SuppressWarnings("unchecked")
            Class<R> boxed = (Class<R>) MethodType.methodType(replyType).wrap().returnType();
            return boxed.cast(remotes.codec().decode(reply, replyType));
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.UNKNOWN, "cannot decode the reply of " + route + " into "
                    + replyType.getName() + ": " + e.getMessage(), Map.of("route", route.toString()), e);
        }
    }

    /** The failure again, thrown on the caller's thread (so its stack trace shows the call). */
    private static PitayaException rethrown(Throwable failure) {
        if (failure instanceof PitayaException p) {
            return new PitayaException(p.code(), p.getMessage(), p.metadata(), p);
        }
        return new PitayaException(PitayaException.UNKNOWN, String.valueOf(failure.getMessage()), Map.of(), failure);
    }
}
