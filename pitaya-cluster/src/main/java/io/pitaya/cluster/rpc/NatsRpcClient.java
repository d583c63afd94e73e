package io.pitaya.cluster.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.nats.client.Message;
import io.pitaya.api.PitayaException;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.cluster.context.PropagatedContext;
import io.pitaya.cluster.protos.BindMsg;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.metrics.MetricsReporter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The calling side of Pitaya's NATS RPC: a request to {@code pitaya/servers/<type>/<id>} whose stage completes with
 * the peer's Response, or fails with a {@link PitayaException}: the peer's error (code and metadata kept), PIT-408
 * after the timeout, or at once when NATS is not connected or nobody serves the subject. Stages complete on the
 * given callback executor, never on NATS' threads. Also publishes pushes, kicks and bind broadcasts.
 *
 * <p>Like Go's NATS client {@code Call}, each request reports {@code response_time_ns} with type {@code rpc} (the
 * called route, the failure's code) when it ends; without a reporter the clock is not read.
 */
public final class NatsRpcClient implements AutoCloseable {

    private final ServerDescriptor self;
    private final NatsClientSettings settings;
    private final NatsLink link;
    private final Executor callbacks;
    private final ScheduledExecutorService timer;
    private final MetricsReporter metrics;
    private final boolean timed;

    private NatsRpcClient(ServerDescriptor self, NatsClientSettings settings, Executor callbacks,
                          ThreadFactory threads, MetricsReporter metrics) {
        this.self = self;
        this.settings = settings;
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.timed = metrics != MetricsReporter.NONE;
        this.link = NatsLink.open(settings.connection(), threads, "pitaya-rpc-client-" + self.id());
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /**
     * @param callbacks where returned stages complete (the container's ManagedExecutorService)
     * @param threads   NATS' own threads and the timeout timer (the container's ManagedThreadFactory)
     */
    public static NatsRpcClient start(ServerDescriptor self, NatsClientSettings settings, Executor callbacks,
                                      ThreadFactory threads) {
        return start(self, settings, callbacks, threads, MetricsReporter.NONE);
    }

    /** @param metrics where each request's {@code response_time_ns} (type {@code rpc}) goes */
    public static NatsRpcClient start(ServerDescriptor self, NatsClientSettings settings, Executor callbacks,
                                      ThreadFactory threads, MetricsReporter metrics) {
        return new NatsRpcClient(self, settings, callbacks, threads, metrics);
    }

    /**
     * Sends with the request's own {@code reqTimeout} (propagated context), else
     * {@code pitaya.cluster.rpc.client.nats.requesttimeout}.
     */
    public CompletionStage<Response> request(ServerDescriptor target, Request request) {
        Duration timeout;
        try {
            timeout = PropagatedContext.decode(request.getMetadata().toByteArray()).requestTimeout()
                    .orElse(settings.requestTimeout());
        } catch (IllegalArgumentException e) {
            timeout = settings.requestTimeout();
        }
        return request(target, request, timeout);
    }

    public CompletionStage<Response> request(ServerDescriptor target, Request request, Duration timeout) {
        String route = request.getMsg().getRoute();
        long start = timed ? System.nanoTime() : 0;
        CompletableFuture<Response> outcome = send(target, request, route, timeout);
        if (timed) {
            outcome = outcome.whenComplete((response, failure) -> metrics.responseTime(route, PitayaMetrics.TYPE_RPC,
                    failure == null ? null : RpcErrors.codeOf(failure), System.nanoTime() - start));
        }
        return outcome.whenCompleteAsync((r, f) -> { }, callbacks);
    }

    /** The request's outcome, completed on NATS' thread or the timer's. */
    private CompletableFuture<Response> send(ServerDescriptor target, Request request, String route, Duration timeout) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        if (!link.connected()) {
            return CompletableFuture.failedFuture(RpcErrors.notConnected(link.connection().getStatus().toString()));
        }
        CompletableFuture<Message> reply = link.connection().request(Subjects.rpc(target), request.toByteArray());
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            result.completeExceptionally(RpcErrors.timeout(timeout, route, self.id(), target.id()));
            reply.cancel(false);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((message, failure) -> {
            expiry.cancel(false);
            if (failure != null) {
                if (!result.isDone()) {
                    result.completeExceptionally(failureOf(failure));
                }
                return;
            }
            try {
                Response response = Response.parseFrom(message.getData());
                if (response.hasError()) {
                    result.completeExceptionally(RpcErrors.remote(response.getError()));
                } else {
                    result.complete(response);
                }
            } catch (InvalidProtocolBufferException e) {
                result.completeExceptionally(new PitayaException(PitayaException.UNKNOWN,
                        "malformed RPC response: " + e.getMessage()));
            }
        });
        return result;
    }

    /** jnats ends a request to a subject without subscribers at once (NATS "no responders"); anything else is raw. */
    private static Throwable failureOf(Throwable failure) {
        Throwable cause = RpcErrors.unwrap(failure);
        if (cause instanceof CancellationException) {
            return RpcErrors.noResponders();
        }
        return new PitayaException(PitayaException.UNKNOWN, String.valueOf(cause.getMessage()), Map.of(),
                cause);
    }

    /** Publishes a push for a user bound on a frontend of {@code frontendType}; nobody listening is no error. */
    public void sendPush(String frontendType, Push push) {
        publish(Subjects.userPush(frontendType, push.getUid()), push);
    }

    /** Publishes a kick for a user bound on a frontend of {@code frontendType}. */
    public void sendKick(String frontendType, KickMsg kick) {
        publish(Subjects.userKick(frontendType, kick.getUserId()), kick);
    }

    /** The unique-session broadcast: {@code BindMsg{uid, fid = this server}} to {@code pitaya/<type>/bindings}. */
    public void broadcastBind(String uid) {
        publish(Subjects.bindings(self.type()), BindMsg.newBuilder().setUid(uid).setFid(self.id()).build());
    }

    private void publish(String subject, MessageLite message) {
        if (!link.connected()) {
            throw RpcErrors.notConnected(link.connection().getStatus().toString());
        }
        link.connection().publish(subject, message.toByteArray());
    }

    public boolean connected() {
        return link.connected();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        link.close();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
