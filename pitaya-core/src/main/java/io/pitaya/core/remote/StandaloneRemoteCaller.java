package io.pitaya.core.remote;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The standalone server's {@link RemoteCaller}: there is no other server, so a call for another type answers
 * Pitaya's "no servers available of this type", and a call to another server id "server not found".
 */
public final class StandaloneRemoteCaller implements RemoteCaller {

    private final String serverId;

    public StandaloneRemoteCaller(String serverId) {
        this.serverId = serverId;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public CompletionStage<byte[]> call(String targetId, RemoteRoute route, byte[] argument, Duration timeout) {
        return CompletableFuture.failedFuture(targetId != null
                ? RemoteErrors.serverNotFound(targetId)
                : RemoteErrors.noServers(route.serverType()));
    }
}
