package io.pitaya.core.remote;

import io.pitaya.api.Rpc;
import io.pitaya.core.handler.InvocationScope;

import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * This server's remotes, both ways: the {@link RemoteDispatcher} that runs its {@code @Remote} methods for callers,
 * and the {@link Rpc} through which the application calls remotes (here or, through the {@link RemoteCaller}, on
 * other servers). Exists for the whole deployment; works between {@link #start} and {@link #stop}.
 */
public final class Remotes {

    private static final Logger LOG = Logger.getLogger(Remotes.class.getName());

    private final String serverType;
    private final RemoteCodec codec = new RemoteCodec();
    private volatile Running running;

    /** What exists only between start and stop. */
    record Running(RemoteDispatcher dispatcher, Executor executor, RemoteCaller caller) {
    }

    public Remotes(String serverType) {
        this.serverType = serverType;
    }

    /**
     * @param executor where asynchronous calls to this server's own remotes run (the handler pool)
     * @param caller   where calls for other servers go
     */
    public void start(RemoteRegistry registry, InvocationScope scope, Executor executor, RemoteCaller caller) {
        running = new Running(new RemoteDispatcher(serverType, registry, codec, scope), executor, caller);
        if (!registry.all().isEmpty()) {
            LOG.info(() -> "remotes of " + serverType + ": " + registry.all().stream().map(RemoteMethod::key).sorted().toList());
        }
        if (!registry.pipeline().isEmpty()) {
            LOG.info(() -> "remote pipeline: " + registry.pipeline());
        }
    }

    public void stop() {
        running = null;
    }

    public boolean isRunning() {
        return running != null;
    }

    public String serverType() {
        return serverType;
    }

    /**
     * Runs this server's remotes for callers (the cluster's RPC server).
     *
     * @throws io.pitaya.api.PitayaException PIT-500 when not running
     */
    public RemoteDispatcher dispatcher() {
        return running().dispatcher();
    }

    /** The application's way to call remotes, with the default timeout. */
    public Rpc rpc() {
        return new RpcClient(this, null);
    }

    RemoteCodec codec() {
        return codec;
    }

    Running running() {
        Running r = running;
        if (r == null) {
            throw RemoteErrors.notRunning();
        }
        return r;
    }
}
