package io.pitaya.cluster.it.support;

import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster the tests talk to, started once per test run: nats-server and etcd on free loopback ports, the
 * example's room.ear (with the probe handlers) in one WildFly (port offset 600) and its connector.ear (with the probe
 * router) in two others
 * (offset 500: WebSocket 8580, TCP 3750; offset 700: WebSocket 8780, TCP 3950). Short etcd lease and resync periods and a short NATS request timeout make
 * the fault tests quick; the room keeps its chat group in etcd ({@code pitaya.groups.service=etcd}, which the example
 * leaves commented out) so that etcd groups run in WildFly too; tracing is on ({@code pitaya.tracing.enabled}) into
 * the in-memory OpenTelemetry SDK that both EARs get with the tracing probe; every other setting is the example's own.
 */
public final class ClusterEnvironment implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterEnvironment.class.getName());

    public static final String ROOM_ID = "room-it";
    public static final String CONNECTOR_ID = "connector-it";
    public static final String CONNECTOR_2_ID = "connector-it-2";
    static final int CONNECTOR_OFFSET = 500;
    static final int ROOM_OFFSET = 600;
    static final int CONNECTOR_2_OFFSET = 700;
    public static final int CONNECTOR_TCP_PORT = 3250 + CONNECTOR_OFFSET;
    public static final int CONNECTOR_2_TCP_PORT = 3250 + CONNECTOR_2_OFFSET;
    /** The connector's NATS request timeout (pitaya.cluster.rpc.client.nats.requesttimeout). */
    public static final int REQUEST_TIMEOUT_SECONDS = 3;
    /** Etcd lease TTL of every server (pitaya.cluster.sd.etcd.heartbeat.ttl); renewed every third of it. */
    public static final int LEASE_TTL_SECONDS = 6;

    private final NatsServer nats;
    private final EtcdServer etcd;
    private final WildFly room;
    private final WildFly connector;
    private final WildFly connector2;

    private ClusterEnvironment(NatsServer nats, EtcdServer etcd, WildFly room, WildFly connector, WildFly connector2) {
        this.nats = nats;
        this.etcd = etcd;
        this.room = room;
        this.connector = connector;
        this.connector2 = connector2;
    }

    static ClusterEnvironment start() throws Exception {
        Path work = Path.of(System.getProperty("pitaya.cluster.it.work", "target/cluster"));
        Path home = Path.of(required("jboss.home"));
        Files.createDirectories(work);
        NatsServer nats = new NatsServer();
        EtcdServer etcd = new EtcdServer();
        nats.launch(Files.createDirectories(work.resolve("nats")));
        etcd.launch(Files.createDirectories(work.resolve("etcd")));
        Path roomEar = ProbeEar.build(Path.of(required("pitaya.cluster.room.ear")), work.resolve("ears/room.ear"),
                List.of(ProbeEar.PROBE_PACKAGE, ProbeEar.TRACING_PACKAGE), ProbeEar.TRACING_LIBRARIES);
        Path connectorEar = ProbeEar.build(Path.of(required("pitaya.cluster.connector.ear")),
                work.resolve("ears/connector.ear"), List.of(ProbeEar.ROUTING_PACKAGE, ProbeEar.TRACING_PACKAGE),
                ProbeEar.TRACING_LIBRARIES);

        Map<String, String> common = new LinkedHashMap<>();
        common.put("pitaya.cluster.sd.etcd.endpoints", etcd.endpoint());
        common.put("pitaya.cluster.sd.etcd.heartbeat.ttl", LEASE_TTL_SECONDS + "s");
        common.put("pitaya.cluster.sd.etcd.syncservers.interval", "3s");
        common.put("pitaya.cluster.sd.etcd.grantlease.timeout", "5s");
        common.put("pitaya.cluster.rpc.server.nats.connect", nats.url());
        common.put("pitaya.cluster.rpc.client.nats.connect", nats.url());
        common.put("pitaya.cluster.rpc.client.nats.requesttimeout", REQUEST_TIMEOUT_SECONDS + "s");
        common.put("pitaya.tracing.enabled", "true"); // spans into the tracing probe's in-memory SDK (TracingIT)
        Map<String, String> roomProperties = new LinkedHashMap<>(common);
        roomProperties.put("pitaya.server.id", ROOM_ID);
        roomProperties.put("pitaya.groups.service", "etcd");
        roomProperties.put("pitaya.groups.etcd.endpoints", etcd.endpoint());

        WildFly room = new WildFly(ROOM_ID, home, roomEar, work, ROOM_OFFSET, roomProperties);
        WildFly connector = new WildFly(CONNECTOR_ID, home, connectorEar, work, CONNECTOR_OFFSET,
                connectorProperties(common, CONNECTOR_ID, CONNECTOR_TCP_PORT));
        WildFly connector2 = new WildFly(CONNECTOR_2_ID, home, connectorEar, work, CONNECTOR_2_OFFSET,
                connectorProperties(common, CONNECTOR_2_ID, CONNECTOR_2_TCP_PORT));
        ClusterEnvironment env = new ClusterEnvironment(nats, etcd, room, connector, connector2);
        try {
            for (WildFly server : env.servers()) {
                server.start(); // both boot at once
            }
            for (WildFly server : env.servers()) {
                server.awaitDeployed();
            }
        } catch (Exception | Error e) {
            env.close();
            throw e;
        }
        return env;
    }

    private static Map<String, String> connectorProperties(Map<String, String> common, String id, int tcpPort) {
        Map<String, String> properties = new LinkedHashMap<>(common);
        properties.put("pitaya.server.id", id);
        properties.put("pitaya.acceptor.tcp.host", "127.0.0.1");
        properties.put("pitaya.acceptor.tcp.port", String.valueOf(tcpPort));
        return properties;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return value;
    }

    private List<WildFly> servers() {
        return List.of(room, connector, connector2);
    }

    public NatsServer nats() {
        return nats;
    }

    public EtcdServer etcd() {
        return etcd;
    }

    public WildFly room() {
        return room;
    }

    public WildFly connector() {
        return connector;
    }

    public WildFly connector2() {
        return connector2;
    }

    /** The second connector's WebSocket endpoint. */
    public String connector2WebSocket() {
        return "ws://127.0.0.1:" + connector2.httpPort() + "/";
    }

    public String connector2Tcp() {
        return "tcp://127.0.0.1:" + CONNECTOR_2_TCP_PORT;
    }

    public String connectorWebSocket() {
        return "ws://127.0.0.1:" + connector.httpPort() + "/";
    }

    public String connectorTcp() {
        return "tcp://127.0.0.1:" + CONNECTOR_TCP_PORT;
    }

    /** Starts a server that a test stopped or killed, and waits for its EAR. */
    public void restart(WildFly server) throws IOException, InterruptedException {
        server.start();
        server.awaitDeployed();
    }

    @Override
    public void close() {
        for (WildFly server : servers()) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + server.name(), e);
            }
        }
        try {
            etcd.stop();
            nats.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
