package io.pitaya.core.router;

import io.pitaya.api.PitayaException;
import io.pitaya.core.handler.HandlerDispatcher;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The standalone server's {@link RemoteForwarder}: there is no other server, so a route of another server type gets
 * Pitaya's "no servers available of this type" error (PIT-500 with the server type as metadata). Pitaya would drop it
 * silently; an answer is kinder.
 */
public final class NoRemoteServers implements RemoteForwarder {

    public static final NoRemoteServers INSTANCE = new NoRemoteServers();

    private NoRemoteServers() {
    }

    @Override
    public CompletionStage<Reply> forward(LinkedSession session, HandlerRoute route, Message message) {
        PitayaException error = new PitayaException(PitayaException.INTERNAL, "no servers available of this type",
                Map.of("serverType", route.serverType()));
        return CompletableFuture.completedFuture(HandlerDispatcher.failed(session, message,
                message.type() == MessageType.REQUEST, Reply.Failure.of(error)));
    }
}
