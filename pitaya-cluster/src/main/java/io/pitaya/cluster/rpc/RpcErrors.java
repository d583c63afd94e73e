package io.pitaya.cluster.rpc;

import io.pitaya.api.PitayaException;
import io.pitaya.core.config.GoDuration;
import io.pitaya.protocol.proto.Error;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** The errors an RPC ends with, as Pitaya reports them (PROTOCOL.md §2 "Standard error codes"). */
public final class RpcErrors {

    public static final String TIMEOUT_CODE = "PIT-408";

    private RpcErrors() {
    }

    /** Pitaya's NATS client timeout: PIT-408 "rpc client: request timeout" with {timeout, route, server, peer.id}. */
    public static PitayaException timeout(Duration timeout, String route, String selfId, String peerId) {
        return new PitayaException(TIMEOUT_CODE, "rpc client: request timeout", Map.of(
                "timeout", GoDuration.format(timeout), "route", route, "server", selfId, "peer.id", peerId));
    }

    /** The error a peer answered with; an empty code becomes PIT-000, as in Pitaya. */
    public static PitayaException remote(Error error) {
        return new PitayaException(error.getCode(), error.getMsg(), error.getMetadataMap());
    }

    /** NATS is disconnected or reconnecting: fail now instead of waiting for the timeout. */
    public static PitayaException notConnected(String status) {
        return new PitayaException(PitayaException.INTERNAL, "rpc client: NATS is not connected (" + status + ")");
    }

    /** Nobody subscribes to the target's subject (the server is gone): Go's NATS error text, PIT-000. */
    public static PitayaException noResponders() {
        return new PitayaException(PitayaException.UNKNOWN, "nats: no responders available for request");
    }

    /** The receiving server's queue is full. */
    public static PitayaException overloaded() {
        return new PitayaException(PitayaException.INTERNAL, "rpc server: too many requests queued");
    }

    /** What a stage failed with: a {@link CompletionException}'s cause, else the failure itself. */
    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Go's {@code CodeFromError}: a Pitaya error's code, else PIT-000 (a stage's wrapper looked through). */
    public static String codeOf(Throwable failure) {
        return unwrap(failure) instanceof PitayaException p ? p.code() : PitayaException.UNKNOWN;
    }

    /** The Response a server sends for a failure: a PitayaException keeps its code and metadata, else PIT-000. */
    public static Error toError(Throwable failure) {
        Error.Builder error = Error.newBuilder();
        if (failure instanceof PitayaException p) {
            error.setCode(p.code()).putAllMetadata(p.metadata());
        } else {
            error.setCode(PitayaException.UNKNOWN);
        }
        return error.setMsg(failure.getMessage() == null ? failure.toString() : failure.getMessage()).build();
    }
}
