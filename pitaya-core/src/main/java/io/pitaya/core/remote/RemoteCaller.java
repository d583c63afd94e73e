package io.pitaya.core.remote;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends a remote call to another server (SPI): standalone there is none ({@link StandaloneRemoteCaller}); in cluster
 * mode the cluster module sends Pitaya's user RPC over NATS. Calls that this server serves itself never reach it.
 */
public interface RemoteCaller {

    /** This server's id as its peers know it (a call to it runs here). */
    String serverId();

    /**
     * Sends the call; must not block. The stage may complete on any thread (a synchronous call waits for it
     * directly, an asynchronous one continues on the handler pool).
     *
     * @param serverId the target server, or null for one of the route's type chosen by the caller
     * @param argument the encoded argument
     * @param timeout  how long to wait for the answer, or null for the configured default
     * @return the encoded reply; fails with a {@link io.pitaya.api.PitayaException} carrying Pitaya's code
     */
    CompletionStage<byte[]> call(String serverId, RemoteRoute route, byte[] argument, Duration timeout);
}
