package io.pitaya.client.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.PitayaClientException;
import io.pitaya.client.Response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests awaiting their response, by id, each with its timeout. An entry leaves the table (and its timer is
 * cancelled) when its future completes, whichever way: response, timeout, send failure or close.
 */
final class PendingRequests {

    private static final System.Logger LOG = System.getLogger(DefaultPitayaClient.class.getName());

    /** One request in flight. */
    static final class Pending {
        final long id;
        final String route;
        final CompletableFuture<Response> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Pending(long id, String route) {
            this.id = id;
            this.route = route;
        }
    }

    private final AtomicLong nextId = new AtomicLong(1);
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ClientThreads threads;
    private final ObjectMapper mapper;

    PendingRequests(ClientThreads threads, ObjectMapper mapper) {
        this.threads = threads;
        this.mapper = mapper;
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    Pending add(long id, String route) {
        Pending p = new Pending(id, route);
        pending.put(id, p);
        p.future.whenComplete((r, e) -> {
            pending.remove(id, p);
            ScheduledFuture<?> to = p.timeout;
            if (to != null) {
                to.cancel(false);
            }
        });
        return p;
    }

    /** Fails the request with TIMEOUT unless it is answered within {@code ms}. */
    void startTimeout(Pending p, long ms) {
        p.timeout = threads.schedule(() -> fail(p.id, new PitayaClientException(PitayaClientException.TIMEOUT,
                "request timeout: " + p.route + " (id " + p.id + ") got no response within " + ms + " ms")), ms);
        if (p.future.isDone() && p.timeout != null) {
            p.timeout.cancel(false);
        }
    }

    void respond(long id, byte[] data, boolean error) {
        Pending p = pending.remove(id);
        if (p == null) {
            LOG.log(System.Logger.Level.DEBUG, "dropping response for unknown or timed-out id {0}", id);
            return;
        }
        threads.complete(p.future, new Response(id, p.route, data, error, mapper));
    }

    void fail(long id, Throwable error) {
        Pending p = pending.remove(id);
        if (p != null) {
            threads.fail(p.future, error);
        }
    }

    void failAll(String reason) {
        for (Long id : pending.keySet()) {
            fail(id, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed: " + reason));
        }
    }
}
