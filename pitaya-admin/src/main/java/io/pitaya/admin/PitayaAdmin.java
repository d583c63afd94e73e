package io.pitaya.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.core.cdi.PitayaBeans;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.metrics.MetricsReporterProvider;
import io.pitaya.core.module.ServerDirectory;
import io.pitaya.spi.AdminConsole;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The admin module as the core and the web module see it: with {@code pitaya.admin.enabled=true} a reporter of every
 * message's latency per route (the core asks for it once, when its beans are built) and the stats the page polls.
 * Off, it gives the core no reporter, so nothing runs per message. Stats are built at most every
 * {@value #REUSE_MILLIS} ms, however many pages poll (the groups may be an etcd read).
 */
@ApplicationScoped
public class PitayaAdmin implements MetricsReporterProvider, AdminConsole {

    private static final Logger LOG = Logger.getLogger(PitayaAdmin.class.getName());
    static final long REUSE_MILLIS = 500;

    @Inject
    Config config;

    /** A client proxy: the core's beans are only asked once the server runs (not while they build this bean). */
    @Inject
    PitayaBeans core;

    @Inject
    @Any
    Instance<ServerDirectory> directories;

    private final ObjectMapper json = new ObjectMapper();
    private AdminSettings settings;
    private RouteTraffic traffic;
    private StatsCollector collector; // built on first use, guarded by this
    private byte[] lastStats;
    private long lastStatsAt;

    @PostConstruct
    void init() {
        settings = AdminSettings.from(config);
        if (settings.enabled()) {
            traffic = new RouteTraffic(Clock.SYSTEM, settings.window(), settings.maxRoutes());
            LOG.info("Pitaya admin page at /pitaya/admin (" + AdminSettings.ENABLED + ")");
        }
    }

    @PreDestroy
    void close() {
        if (traffic != null) {
            traffic.close();
        }
    }

    @Override
    public Optional<MetricsReporter> reporter() {
        return Optional.ofNullable(traffic);
    }

    @Override
    public boolean enabled() {
        return traffic != null;
    }

    @Override
    public void writeStats(OutputStream out) throws IOException {
        if (traffic == null) {
            throw new IllegalStateException(AdminSettings.ENABLED + " is false");
        }
        out.write(stats());
    }

    private synchronized byte[] stats() throws IOException {
        long now = System.currentTimeMillis();
        if (lastStats == null || now - lastStatsAt >= REUSE_MILLIS) {
            lastStats = json.writeValueAsBytes(collector().collect());
            lastStatsAt = now;
        }
        return lastStats;
    }

    private StatsCollector collector() {
        if (collector == null) {
            PitayaConfig server = core.server().config();
            ClusterServer self = new ClusterServer(server.serverId(), server.serverType(), Map.of(), true, hostname());
            collector = new StatsCollector(self, settings.window().toSeconds(), () -> core.sessionPool().count(),
                    () -> core.serviceGroups().sizes(), this::clusterServers, traffic, System::currentTimeMillis);
        }
        return collector;
    }

    private List<ClusterServer> clusterServers() {
        for (ServerDirectory directory : directories) {
            List<ClusterServer> servers = directory.servers();
            if (!servers.isEmpty()) {
                return servers;
            }
        }
        return List.of();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
