package io.pitaya.cluster.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.pitaya.cluster.protos.BindMsg;
import io.pitaya.cluster.protos.KickAnswer;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.server.ServerDescriptor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's side of Pitaya's NATS RPC: subscribes {@code pitaya/servers/<type>/<id>}, decodes each Request,
 * sets {@code Msg.reply} to the NATS reply subject and hands it to the {@link RequestHandler} on the given worker
 * executor (the container's), then publishes the Response to the reply subject. NATS' delivery thread only
 * decodes and enqueues: when the queue is full the caller gets an error at once. A message that is not a Request,
 * or a Request without a Msg, is logged (rate-limited) and dropped, as Pitaya does; the caller then times out.
 *
 * <p>Frontends also subscribe their bound users' push and kick subjects ({@link #subscribeUser}) and their type's
 * bindings subject ({@link #subscribeBindings}); those handlers run on the worker executor too.
 */
public final class NatsRpcServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NatsRpcServer.class.getName());

    private final ServerDescriptor self;
    private final NatsLink link;
    private final RequestHandler handler;
    private final BoundedExecutor requests;
    private final BoundedExecutor pushes;
    private final BoundedExecutor control;
    private final Dispatcher dispatcher;
    private final RateLimitedLog malformed = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    private NatsRpcServer(ServerDescriptor self, NatsServerSettings settings, RequestHandler handler,
                          Executor workers, ThreadFactory threads) {
        this.self = self;
        this.handler = handler;
        this.requests = new BoundedExecutor(workers, settings.services() + settings.bufferMessages());
        this.pushes = new BoundedExecutor(workers, settings.bufferPush());
        this.control = new BoundedExecutor(workers, settings.bufferMessages());
        this.link = NatsLink.open(settings.connection(), threads, "pitaya-rpc-server-" + self.id());
        this.dispatcher = link.connection().createDispatcher();
    }

    /**
     * Connects (retrying in the background while NATS is down) and subscribes this server's RPC subject; when NATS
     * is up, the subscription is active at nats-server when this returns (likewise for the subscribe methods).
     *
     * @param workers runs the handler, pushes, kicks and bindings (the container's ManagedExecutorService)
     * @param threads NATS' own threads (the container's ManagedThreadFactory)
     */
    public static NatsRpcServer start(ServerDescriptor self, NatsServerSettings settings, RequestHandler handler,
                                      Executor workers, ThreadFactory threads) {
        NatsRpcServer server = new NatsRpcServer(self, settings, handler, workers, threads);
        server.dispatcher.subscribe(Subjects.rpc(self), server::onRequest);
        server.link.flush();
        return server;
    }

    private void onRequest(Message message) {
        Request request;
        try {
            request = Request.parseFrom(message.getData());
        } catch (InvalidProtocolBufferException e) {
            malformed.warn("dropped a malformed RPC message on " + message.getSubject(), e);
            return;
        }
        String reply = message.getReplyTo();
        if (!request.hasMsg() || reply == null || reply.isEmpty()) {
            malformed.warn("dropped an RPC request without " + (request.hasMsg() ? "a reply subject" : "a msg")
                    + " on " + message.getSubject(), null);
            return;
        }
        Request withReply = request.toBuilder().setMsg(request.getMsg().toBuilder().setReply(reply)).build();
        if (!requests.tryExecute(done -> serve(withReply, reply, done))) {
            LOG.warning(() -> "RPC queue full; refused " + request.getMsg().getRoute());
            publish(reply, errorResponse(RpcErrors.overloaded()));
        }
    }

    private void serve(Request request, String reply, Runnable done) {
        CompletionStage<Response> response;
        try {
            response = Objects.requireNonNull(handler.handle(request), "the RPC handler returned no stage");
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, failure) -> {
            try {
                publish(reply, failure == null ? r : errorResponse(RpcErrors.unwrap(failure)));
            } finally {
                done.run();
            }
        });
    }

    private void publish(String subject, Response response) {
        try {
            link.connection().publish(subject, response.toByteArray());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not send an RPC response", e);
        }
    }

    private static Response errorResponse(Throwable failure) {
        return Response.newBuilder().setError(RpcErrors.toError(failure)).build();
    }

    /**
     * Receives pushes and kicks for a user bound on this frontend ({@code pitaya/<type>/user/<uid>/push} and
     * {@code .../kick}); a kick that asks for a reply is answered with a KickAnswer. Close the result when the
     * session closes.
     */
    public AutoCloseable subscribeUser(String uid, UserMessageHandler user) {
        Subscription push = dispatcher.subscribe(Subjects.userPush(self.type(), uid), m -> decode(m, Push::parseFrom)
                .ifPresent(p -> offer(pushes, "push", () -> user.push(p))));
        Subscription kick = dispatcher.subscribe(Subjects.userKick(self.type(), uid), m -> decode(m, KickMsg::parseFrom)
                .ifPresent(k -> offer(control, "kick", () -> {
                    boolean kicked = user.kick(k);
                    if (m.getReplyTo() != null && !m.getReplyTo().isEmpty()) {
                        link.connection().publish(m.getReplyTo(),
                                KickAnswer.newBuilder().setKicked(kicked).build().toByteArray());
                    }
                })));
        link.flush();
        return () -> List.of(push, kick).forEach(dispatcher::unsubscribe);
    }

    /** Receives the unique-session broadcasts of this server's type ({@code pitaya/<type>/bindings}). */
    public AutoCloseable subscribeBindings(Consumer<BindMsg> listener) {
        Subscription sub = dispatcher.subscribe(Subjects.bindings(self.type()), m -> decode(m, BindMsg::parseFrom)
                .ifPresent(b -> offer(control, "binding", () -> listener.accept(b))));
        link.flush();
        return () -> dispatcher.unsubscribe(sub);
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private <T> Optional<T> decode(Message message, Parser<T> parser) {
        try {
            return Optional.of(parser.parse(message.getData()));
        } catch (InvalidProtocolBufferException e) {
            malformed.warn("dropped a malformed message on " + message.getSubject(), e);
            return Optional.empty();
        }
    }

    private static void offer(BoundedExecutor executor, String what, Runnable task) {
        if (!executor.tryExecute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a " + what + " handler failed", e);
            }
        })) {
            LOG.warning(() -> "queue full; dropped a " + what);
        }
    }

    public boolean connected() {
        return link.connected();
    }

    /** Messages NATS dropped for this server's subscriptions so far (a slow consumer): Pitaya's dropped_messages. */
    public long droppedMessages() {
        return dispatcher.getDroppedCount();
    }

    /** Unsubscribes everything and closes the connection (requests not yet answered time out at the caller). */
    @Override
    public void close() {
        link.close();
    }
}
