package io.pitaya.core.server;

import io.pitaya.api.Handshake;
import io.pitaya.api.Serializer;
import io.pitaya.core.agent.Agent;
import io.pitaya.core.agent.AgentHost;
import io.pitaya.core.agent.ConnectionLimits;
import io.pitaya.core.agent.HeartbeatMonitor;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.handler.HandlerDispatcher;
import io.pitaya.core.handler.HandlerRegistry;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.core.router.MessageRouter;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionLink;
import io.pitaya.core.session.SessionPool;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A Pitaya server: accepts connections from acceptors, runs their agents (each its session's link), and hands
 * their messages to the {@link MessageRouter} (this server's handlers, or another server type's through the
 * {@link RemoteForwarder}; standalone, none). Plain Java; the container wiring lives in {@code io.pitaya.core.cdi}.
 */
public final class PitayaServer implements AgentHost, ConnectionAcceptor {

    private static final Logger LOG = Logger.getLogger(PitayaServer.class.getName());

    private final PitayaConfig config;
    private final Serializer serializer;
    private final SessionPool sessions;
    private final MessageCodec codec;
    private final byte[] handshakeAccepted;
    private final byte[] handshakeRejected;
    private volatile Running running;
    private volatile ConnectionLimits limits = ConnectionLimits.NONE;
    private volatile MetricsReporter metrics = MetricsReporter.NONE;
    private volatile Tracer tracer = Tracer.NONE;

    /** What exists only between {@link #start} and {@link #stop}. */
    private record Running(HandlerDispatcher dispatcher, MessageRouter router, Executor executor,
                           ScheduledExecutorService scheduler, ScheduledFuture<?> heartbeats) {
    }

    public PitayaServer(PitayaConfig config, Serializer serializer, SessionPool sessions, RouteDictionary dictionary) {
        this.config = config;
        this.serializer = serializer;
        this.sessions = sessions;
        this.codec = new MessageCodec(dictionary, config.compression(), config.maxPacketBodyLength()); // zip-bomb bound
        int heartbeat = (int) config.heartbeatInterval().getSeconds();
        this.handshakeAccepted = handshakePacket(new HandshakeResponse(HandshakeResponse.CODE_OK, heartbeat, dictionary, serializer.name()));
        this.handshakeRejected = handshakePacket(new HandshakeResponse(HandshakeResponse.CODE_BAD_REQUEST, heartbeat, dictionary, serializer.name()));
    }

    private byte[] handshakePacket(HandshakeResponse response) {
        return PacketCodec.encode(PacketType.HANDSHAKE, response.encodeBody(config.compression()));
    }

    /** Standalone, for tests and tools: no other server type is reachable. */
    public void start(HandlerRegistry handlers, Executor executor, ScheduledExecutorService scheduler,
                      InvocationScope scope) {
        start(ServerStart.standalone(handlers, executor, scheduler, scope));
    }

    /** Builds the route table and opens for connections. */
    public synchronized void start(ServerStart start) {
        if (running != null) {
            throw new IllegalStateException("already started");
        }
        HandlerRegistry handlers = start.routes().get();
        Executor executor = start.executor();
        ScheduledExecutorService scheduler = start.scheduler();
        HandlerDispatcher dispatcher = new HandlerDispatcher(handlers, serializer, start.scope());
        MessageRouter router = new MessageRouter(config.serverType(), dispatcher, start.remote(), serializer, metrics, tracer);
        long interval = config.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeats = scheduler.scheduleAtFixedRate(
                new HeartbeatMonitor(this::agents, config.heartbeatInterval(), config.writeTimeout()),
                interval, interval, TimeUnit.MILLISECONDS);
        running = new Running(dispatcher, router, executor, scheduler, heartbeats);
        LOG.info(() -> "Pitaya server " + config.serverType() + "/" + config.serverId() + " started with "
                + handlers.all().size() + " handler routes, heartbeat " + config.heartbeatInterval().getSeconds()
                + "s, serializer " + serializer.name());
    }

    /** Stops accepting, then closes every session (their close callbacks run). */
    public synchronized void stop() {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.heartbeats().cancel(false);
        for (LinkedSession session : sessions.all()) {
            session.link().close("server shutting down");
        }
        LOG.info(() -> "Pitaya server " + config.serverType() + "/" + config.serverId() + " stopped");
    }

    /**
     * This server's handlers, for messages that arrive other than from a connection here (cluster mode: a backend
     * serving what a frontend forwarded, whose reply goes back as the RPC answer).
     *
     * @throws IllegalStateException when the server is not running
     */
    public HandlerDispatcher dispatcher() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("Pitaya server is not running");
        }
        return r.dispatcher();
    }

    public boolean isRunning() {
        return running != null;
    }

    public PitayaConfig config() {
        return config;
    }

    public SessionPool sessions() {
        return sessions;
    }

    /** The agents of the sessions connected here, for the heartbeat monitor. */
    public List<Agent> agents() {
        List<Agent> agents = new ArrayList<>(sessions.count());
        for (LinkedSession session : sessions.index().sessions()) {
            if (session.link() instanceof Agent agent) {
                agents.add(agent);
            }
        }
        return agents;
    }

    /** Rate limiting and the handshake deadline for connections accepted from now on (default: none). */
    public void connectionLimits(ConnectionLimits limits) {
        this.limits = limits;
    }

    public ConnectionLimits connectionLimits() {
        return limits;
    }

    /** Where Pitaya's metrics go (default: nowhere); set before {@link #start}. */
    public void metrics(MetricsReporter metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricsReporter metrics() {
        return metrics;
    }

    /** Where spans go (default: tracing off); set before {@link #start}. */
    public void tracer(Tracer tracer) {
        this.tracer = tracer;
    }

    public Tracer tracer() {
        return tracer;
    }

    // --- ConnectionAcceptor -------------------------------------------------------------------------------

    @Override
    public PacketSink accept(Connection connection) {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("Pitaya server is not running");
        }
        Agent agent = new Agent(sessions.nextId(), connection, this);
        sessions.open(agent.id(), agent, serializer, r.executor(), agent::attach);
        metrics.connectedClients(sessions.count());
        return limits.apply(agent, this);
    }

    @Override
    public int maxPacketBodyLength() {
        return config.maxPacketBodyLength();
    }

    // --- AgentHost -----------------------------------------------------------------------------------------

    @Override
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public byte[] handshakeAccepted() {
        return handshakeAccepted;
    }

    @Override
    public byte[] handshakeRejected() {
        return handshakeRejected;
    }

    @Override
    public void validateHandshake(LinkedSession session, Handshake handshake) {
        // Pitaya records the client's IP version in the session data; backends see it too
        session.set("ipversion", ipVersion(session.remoteAddress()));
        // the application's handshake validators (and a draining server) may reject it: 400, then close
        sessions.validateHandshake(session, handshake);
    }

    static String ipVersion(String remoteAddress) {
        if (remoteAddress == null) {
            return "ipv4";
        }
        boolean v6 = remoteAddress.startsWith("[") || remoteAddress.indexOf(':') != remoteAddress.lastIndexOf(':');
        return v6 ? "ipv6" : "ipv4";
    }

    @Override
    public void dispatch(LinkedSession session, Message message) {
        Running r = running;
        SessionLink link = session.link();
        if (r == null) {
            link.close("server is not running");
            return;
        }
        try {
            r.router().route(session, message);
        } catch (RejectedExecutionException e) {
            link.close("server overloaded: " + e.getMessage());
        }
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        Running r = running;
        if (r != null) {
            r.scheduler().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            task.run();
        }
    }

    @Override
    public void closed(Agent agent, LinkedSession session) {
        if (session != null) {
            sessions.closed(session);
            metrics.connectedClients(sessions.count());
        }
    }
}
