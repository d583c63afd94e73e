package io.pitaya.client.impl;

import io.pitaya.client.PitayaClientException;
import io.pitaya.protocol.handshake.HandshakeResponse;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting on the client's futures, and the failure inside their wrappers. */
final class ClientFutures {

    private ClientFutures() {
    }

    /** The blocking connect: the failure as a PitayaClientException; {@code onInterrupt} closes the client. */
    static HandshakeResponse awaitConnect(CompletableFuture<HandshakeResponse> f, URI uri, Runnable onInterrupt) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onInterrupt.run();
            throw new PitayaClientException(PitayaClientException.CONNECT_FAILED, "interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PitayaClientException) {
                throw (PitayaClientException) cause;
            }
            throw new PitayaClientException(PitayaClientException.CONNECT_FAILED,
                    "cannot connect to " + uri + ": " + cause, cause);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
