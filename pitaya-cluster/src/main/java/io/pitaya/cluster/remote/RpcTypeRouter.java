package io.pitaya.cluster.remote;

import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.rpc.RequestHandler;

import java.util.concurrent.CompletionStage;

/** The RPC server's handler: user RPCs (remotes) to one handler, sys RPCs (forwarded client messages) to the other. */
public final class RpcTypeRouter implements RequestHandler {

    private final RequestHandler sys;
    private final RequestHandler user;

    public RpcTypeRouter(RequestHandler sys, RequestHandler user) {
        this.sys = sys;
        this.user = user;
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        return request.getType() == RPCType.User ? user.handle(request) : sys.handle(request);
    }
}
