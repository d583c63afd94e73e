package io.pitaya.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.cluster.server.ServerJson;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's key on a lease: granted with the heartbeat TTL, kept alive by {@link #heartbeat()} (called every
 * TTL/3, like etcd's own clients), granted and put again when etcd no longer knows the lease (it expired while
 * etcd was unreachable, or etcd lost its data), revoked on shutdown so that the key goes at once. Not thread-safe:
 * only the discovery's thread calls it.
 */
final class LeaseRegistration {

    private static final Logger LOG = Logger.getLogger(LeaseRegistration.class.getName());

    private final Client client;
    private final EtcdSettings settings;
    private final ByteSequence key;
    private final ByteSequence value;
    private long leaseId;
    private int failures;

    LeaseRegistration(Client client, EtcdSettings settings, ServerDescriptor self) {
        this.client = client;
        this.settings = settings;
        this.key = ServerKeys.key(self);
        this.value = ByteSequence.from(ServerJson.encode(self));
    }

    /** Grants a lease and puts the key on it; throws when etcd does not answer within the timeout. */
    void register(Duration timeout) throws Exception {
        long id = await(client.getLeaseClient().grant(settings.ttlSeconds()), timeout).getID();
        await(client.getKVClient().put(key, value, PutOption.builder().withLeaseId(id).build()), timeout);
        leaseId = id;
        LOG.fine(() -> "registered " + key + " on lease " + Long.toHexString(id));
    }

    /**
     * Renews the lease once, registering again when it is gone. Returns true when etcd answered after one or more
     * calls that did not (the caller then resynchronises what it may have missed).
     */
    boolean heartbeat() {
        boolean wasFailing = failures > 0;
        try {
            if (leaseId == 0 || !renewed()) {
                LOG.info(() -> "lease of " + key + " lost; registering again");
                leaseId = 0;
                register(settings.dialTimeout());
            }
            failures = 0;
            return wasFailing;
        } catch (Exception e) {
            failures++;
            Level level = failures == settings.grantLeaseMaxRetries() ? Level.SEVERE : Level.FINE;
            LOG.log(level, "etcd unreachable for " + key + " (" + failures + " heartbeats failed); "
                    + "the last known servers stay in use and registration is retried", e);
            return false;
        }
    }

    private boolean renewed() throws Exception {
        try {
            LeaseKeepAliveResponse response = await(client.getLeaseClient().keepAliveOnce(leaseId),
                    settings.dialTimeout());
            return response.getTTL() > 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Revokes the lease, which deletes the key; best effort within the revoke timeout. */
    void revoke() {
        if (leaseId == 0) {
            return;
        }
        try {
            await(client.getLeaseClient().revoke(leaseId), settings.revokeTimeout());
            LOG.fine(() -> "revoked the lease of " + key);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not revoke the lease of " + key + "; it expires within the TTL", e);
        } finally {
            leaseId = 0;
        }
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }
}
