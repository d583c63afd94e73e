package io.pitaya.core.router;

import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.protocol.message.Message;

import java.util.concurrent.CompletionStage;

/**
 * Where the {@link MessageRouter} sends a client message whose route names another server type (SPI). Standalone,
 * {@link NoRemoteServers} answers Pitaya's "no servers available of this type"; in cluster mode the implementation
 * picks a server of that type (service discovery) and sends the message with the session's state over RPC.
 *
 * <p>Called on the session's mailbox, one message at a time in the order the client sent them; it must not block
 * (complete the stage when the remote answer arrives).
 */
@FunctionalInterface
public interface RemoteForwarder {

    /**
     * @return the reply for the client: a remote handler's result or error; {@link Reply#NONE} for a notify
     */
    CompletionStage<Reply> forward(LinkedSession session, HandlerRoute route, Message message);
}
