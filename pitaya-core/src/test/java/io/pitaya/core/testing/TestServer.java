package io.pitaya.core.testing;

import io.pitaya.api.Serializer;
import io.pitaya.core.agent.Agent;
import io.pitaya.core.agent.ConnectionLimits;
import io.pitaya.core.agent.RateLimitedSink;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.handler.HandlerPipeline;
import io.pitaya.core.handler.HandlerRegistry;
import io.pitaya.core.handler.HandlerScanner;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.router.NoRemoteServers;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.server.PitayaServer;
import io.pitaya.core.server.ServerStart;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionPool;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.spi.PacketSink;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A real {@link PitayaServer} with test handlers, a fake transport and its own executors. */
public final class TestServer implements AutoCloseable {

    public static final String TYPE = "connector";

    /** Keeps test output readable: start/stop lines are INFO; warnings (failed handlers) still show. */
    private static final java.util.logging.Logger PITAYA_LOG = java.util.logging.Logger.getLogger("io.pitaya");

    static {
        PITAYA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final PitayaConfig config;
    private final PitayaServer server;
    private final SessionPool sessions;
    private final Serializer serializer;
    private final RouteDictionary dictionary;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService pool;
    private final ServerStart serverStart;

    private TestServer(Builder b) {
        this.config = new PitayaConfig(b.type, "test-server", b.heartbeat, b.compression, b.buffer, b.writeTimeout, 1,
                PacketCodec.MAX_BODY_LENGTH);
        this.sessions = new SessionPool();
        this.serializer = b.serializer;
        this.dictionary = b.dictionary;
        this.server = new PitayaServer(config, serializer, sessions, dictionary);
        server.connectionLimits(b.limits);
        server.metrics(b.metrics);
        server.tracer(b.tracer);
        this.scheduler = Executors.newSingleThreadScheduledExecutor();
        this.pool = b.poolThreads > 0 ? Executors.newFixedThreadPool(b.poolThreads) : null;
        Executor executor = b.executor != null ? b.executor : pool != null ? pool : Runnable::run;
        HandlerRegistry routes = b.handlers.build();
        this.serverStart = new ServerStart(() -> routes, executor, scheduler, b.scope, b.remote);
        if (b.startServer) {
            server.start(serverStart);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Server type "connector", compression off, direct executor, no handlers. */
    public static TestServer start(Object... handlers) {
        Builder b = builder();
        for (Object h : handlers) {
            b.handler(h);
        }
        return b.start();
    }

    public PitayaServer server() {
        return server;
    }

    /** What the server starts with: for a {@code ServerLifecycle} that starts it ({@link Builder#unstarted()}). */
    public ServerStart serverStart() {
        return serverStart;
    }

    public SessionPool sessions() {
        return sessions;
    }

    public PitayaConfig config() {
        return config;
    }

    public Serializer serializer() {
        return serializer;
    }

    public RouteDictionary dictionary() {
        return dictionary;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public TestClient connect() {
        return connect(RecordingConnection.autoComplete());
    }

    public TestClient connect(String remoteAddress) {
        return connect(RecordingConnection.autoComplete(remoteAddress));
    }

    public TestClient connect(RecordingConnection connection) {
        PacketSink sink = server.accept(connection);
        connection.attach(sink);
        return new TestClient(this, connection, sink instanceof RateLimitedSink limited ? limited.agent() : (Agent) sink);
    }

    public LinkedSession session(TestClient client) {
        return sessions.local(client.id()).orElseThrow();
    }

    @Override
    public void close() {
        server.stop();
        scheduler.shutdownNow();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    public static final class Builder {
        private String type = TYPE;
        private boolean compression = false;
        private int buffer = 100;
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration heartbeat = Duration.ofSeconds(30);
        private Serializer serializer = new JsonSerializer();
        private RouteDictionary dictionary = RouteDictionary.EMPTY;
        private int poolThreads;
        private Executor executor;
        private final HandlerRegistry.Builder handlers = HandlerRegistry.builder();
        private ConnectionLimits limits = ConnectionLimits.NONE;
        private io.pitaya.core.metrics.MetricsReporter metrics = io.pitaya.core.metrics.MetricsReporter.NONE;
        private io.pitaya.core.tracing.Tracer tracer = io.pitaya.core.tracing.Tracer.NONE;
        private InvocationScope scope = InvocationScope.NONE;
        private boolean startServer = true;
        private RemoteForwarder remote = NoRemoteServers.INSTANCE;

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        public Builder buffer(int buffer) {
            this.buffer = buffer;
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder serializer(Serializer serializer) {
            this.serializer = serializer;
            return this;
        }

        public Builder dictionary(RouteDictionary dictionary) {
            this.dictionary = dictionary;
            return this;
        }

        /** Handlers run on a fixed pool of this many threads instead of the calling thread. */
        public Builder pool(int threads) {
            this.poolThreads = threads;
            return this;
        }

        /** Handlers run on this executor (the test owns it). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Where the server's spans go (default: tracing off). */
        public Builder tracer(io.pitaya.core.tracing.Tracer tracer) {
            this.tracer = tracer;
            return this;
        }

        /** Where the server reports its metrics (default: nowhere). */
        public Builder metrics(io.pitaya.core.metrics.MetricsReporter metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Rate limiting and handshake deadline (default: none). */
        public Builder limits(ConnectionLimits limits) {
            this.limits = limits;
            return this;
        }

        /** What surrounds each handler call (default: nothing). */
        public Builder scope(InvocationScope scope) {
            this.scope = scope;
            return this;
        }

        /** Hooks around every handler call. */
        public Builder pipeline(HandlerPipeline pipeline) {
            handlers.pipeline(pipeline);
            return this;
        }

        public Builder handler(Object instance) {
            handlers.add(HandlerScanner.scan(instance.getClass(), () -> instance));
            return this;
        }

        /** Route table entries made elsewhere (built-in services). */
        public Builder methods(java.util.Collection<io.pitaya.core.handler.HandlerMethod> methods) {
            handlers.add(methods);
            return this;
        }

        /** Where messages for other server types go (default: nowhere, as standalone). */
        public Builder remote(RemoteForwarder remote) {
            this.remote = remote;
            return this;
        }

        /** The server is built but not started: whoever drives it (a {@code ServerLifecycle}) starts it. */
        public Builder unstarted() {
            this.startServer = false;
            return this;
        }

        public TestServer start() {
            return new TestServer(this);
        }
    }
}
