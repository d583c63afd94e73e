package io.pitaya.core.router;

import io.pitaya.api.PitayaError;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.core.handler.HandlerDispatcher;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides where a client message runs, by its route's server type: this server's handlers (the
 * {@link HandlerDispatcher}) or another server (the {@link RemoteForwarder}); then answers a request through the
 * session's link. The decision and the local call run on the session's mailbox, so one session's messages keep their
 * order whichever way they go.
 */
public final class MessageRouter {

    private static final Logger LOG = Logger.getLogger(MessageRouter.class.getName());

    private final String serverType;
    private final HandlerDispatcher dispatcher;
    private final RemoteForwarder remote;
    private final Serializer serializer;
    private final MetricsReporter metrics;
    private final Tracer tracer;
    /** Whether anyone listens: without a reporter the clock is not read. */
    private final boolean timed;
    private final boolean traced;

    public MessageRouter(String serverType, HandlerDispatcher dispatcher, RemoteForwarder remote, Serializer serializer) {
        this(serverType, dispatcher, remote, serializer, MetricsReporter.NONE, Tracer.NONE);
    }

    public MessageRouter(String serverType, HandlerDispatcher dispatcher, RemoteForwarder remote, Serializer serializer,
                         MetricsReporter metrics, Tracer tracer) {
        this.serverType = serverType;
        this.dispatcher = dispatcher;
        this.remote = remote;
        this.serializer = serializer;
        this.metrics = metrics;
        this.timed = metrics != MetricsReporter.NONE;
        this.tracer = tracer;
        this.traced = tracer != Tracer.NONE;
    }

    /**
     * Queues the message on its session's mailbox.
     *
     * @throws RejectedExecutionException when the mailbox's executor takes no more work
     */
    public void route(LinkedSession session, Message message) {
        long arrived = timed ? System.nanoTime() : 0L; // Pitaya's req-start-time
        session.mailbox().execute(() -> deliver(session, message, arrived));
    }

    /** Runs on the session's mailbox; {@code arrived} is the message's arrival (nanoTime) when metrics are on. */
    void deliver(LinkedSession session, Message message, long arrived) {
        HandlerRoute route = HandlerRoute.parse(message.route(), serverType);
        // Pitaya's route tag: the full route; empty for a route that cannot be parsed
        String label = timed || traced ? (route == null ? "" : route.toString()) : null;
        if (route == null) {
            answer(session, message, HandlerDispatcher.failed(session, message, message.type() == MessageType.REQUEST,
                            Reply.Failure.of(new PitayaException(PitayaException.BAD_REQUEST, "invalid route"))),
                    label, arrived, TracedCall.NONE);
            return;
        }
        // Pitaya's span per client message, named after the route; RPCs made meanwhile (forwarding) are its children
        TracedCall span = traced ? tracer.message(label, session, message.type() == MessageType.REQUEST, Map.of())
                : TracedCall.NONE;
        try (TracedCall.Scope ignored = span.makeCurrent()) {
            dispatch(session, message, route, label, arrived, span);
        }
    }

    private void dispatch(LinkedSession session, Message message, HandlerRoute route, String label, long arrived,
                          TracedCall span) {
        if (route.serverType().equals(serverType)) {
            if (timed) {
                metrics.handlerDelay(label, PitayaMetrics.TYPE_LOCAL, System.nanoTime() - arrived);
            }
            answer(session, message, dispatcher.handle(session, route, message), label, arrived, span);
        } else {
            if (timed) {
                metrics.handlerDelay(label, PitayaMetrics.TYPE_REMOTE, System.nanoTime() - arrived);
            }
            remote.forward(session, route, message).whenComplete((reply, failure) -> {
                if (failure != null) {
                    LOG.log(Level.FINE, "forwarding " + message.route() + " of " + session + " failed", failure);
                    reply = HandlerDispatcher.failed(session, message, message.type() == MessageType.REQUEST,
                            new Reply.Failure(PitayaException.INTERNAL, String.valueOf(failure.getMessage()),
                                    Map.of(), failure));
                }
                answer(session, message, reply, label, arrived, span);
            });
        }
    }

    /** Sends a request's reply through the session's link; a notify gets nothing. */
    private void answer(LinkedSession session, Message message, Reply reply, String label, long arrived,
                        TracedCall span) {
        Reply.Failure error = reply.error();
        if (message.type() == MessageType.REQUEST) {
            if (error == null) {
                session.link().respond(message.id(), reply.data(), false);
            } else {
                byte[] data = serializer.marshalError(new PitayaError(error.code(), error.message(), error.metadata()));
                session.link().respond(message.id(), data, true);
            }
        }
        if (timed) {
            metrics.responseTime(label, PitayaMetrics.TYPE_HANDLER, error == null ? null : error.code(),
                    System.nanoTime() - arrived);
        }
        if (traced) {
            span.end(error == null ? null : error.code(), error == null ? null : error.message());
        }
        if (error != null && error.cause() instanceof VirtualMachineError fatal) {
            throw fatal; // answered first, like the recovered panic it is not
        }
    }
}
