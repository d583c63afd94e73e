package io.pitaya.cluster.rpc;

import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;

import java.util.concurrent.CompletionStage;

/**
 * Serves the RPCs addressed to this server (Sys: a forwarded client message; User: a remote call). Called on the
 * RPC server's worker executor with {@code Msg.reply} already set to the NATS reply subject; the Response may
 * complete later. A failure (exception or failed stage) answers Pitaya's error for it.
 */
@FunctionalInterface
public interface RequestHandler {

    CompletionStage<Response> handle(Request request);
}
