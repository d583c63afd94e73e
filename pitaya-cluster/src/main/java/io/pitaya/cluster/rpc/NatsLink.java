package io.pitaya.cluster.rpc;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One NATS connection with Pitaya's reconnect settings whose every thread (reader, writer, dispatchers, timers,
 * callbacks) comes from the given factory, and which gives them all back on {@link #close()}. Like Pitaya it
 * keeps retrying the first connect in the background, so a server can start before NATS.
 */
final class NatsLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NatsLink.class.getName());

    private final ExecutorService[] executors;
    private final Connection connection;
    private final Duration connectionTimeout;

    private NatsLink(ExecutorService[] executors, Connection connection, Duration connectionTimeout) {
        this.executors = executors;
        this.connection = connection;
        this.connectionTimeout = connectionTimeout;
    }

    static NatsLink open(NatsConnectionSettings settings, ThreadFactory threads, String name) {
        // every executor jnats would otherwise make for itself, so that none outlives close()
        ExecutorService executor = Executors.newCachedThreadPool(threads);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, threads);
        ExecutorService connects = Executors.newSingleThreadExecutor(threads);
        ExecutorService callbacks = Executors.newSingleThreadExecutor(threads);
        ExecutorService[] executors = {executor, scheduler, connects, callbacks};
        Options options = new Options.Builder()
                .server(settings.connect())
                .connectionName(name)
                .connectionTimeout(settings.connectionTimeout())
                .maxReconnects(settings.maxReconnectionRetries())
                .reconnectWait(settings.reconnectWait())
                .reconnectJitter(settings.reconnectJitter())
                .reconnectJitterTls(settings.reconnectJitterTls())
                .pingInterval(settings.pingInterval())
                .maxPingsOut(settings.maxPingsOutstanding())
                .executor(executor)
                .scheduledExecutor(scheduler)
                .connectExecutor(connects)
                .callbackExecutor(callbacks)
                .connectionListener(logStatus(name))
                .build();
        try {
            return new NatsLink(executors, Nats.connectReconnectOnConnect(options), settings.connectionTimeout());
        } catch (IOException e) {
            shutdown(executors);
            throw new IllegalStateException("cannot connect to NATS at " + settings.connect(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(executors);
            throw new IllegalStateException("interrupted connecting to NATS", e);
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * Waits until nats-server has processed everything sent so far (subscriptions included); does nothing while
     * disconnected, since jnats sends the subscriptions again on reconnect.
     */
    void flush() {
        if (!connected()) {
            return;
        }
        try {
            connection.flush(connectionTimeout);
        } catch (TimeoutException e) {
            LOG.log(Level.FINE, "NATS flush timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown(executors);
        }
    }

    private static ConnectionListener logStatus(String name) {
        return (conn, event) -> LOG.log(event == ConnectionListener.Events.CONNECTED
                || event == ConnectionListener.Events.RECONNECTED ? Level.FINE : Level.INFO,
                () -> "NATS " + name + ": " + event);
    }

    private static void shutdown(ExecutorService... executors) {
        for (ExecutorService e : executors) {
            e.shutdownNow();
        }
        try {
            for (ExecutorService e : executors) {
                e.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
