package io.pitaya.metrics;

import io.micrometer.statsd.StatsdMeterRegistry;
import io.pitaya.core.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** StatsD gets Pitaya's plain names after the prefix, as Go Pitaya sends them, with DogStatsD tags. */
class StatsdTest {

    @Test
    void pitayasMetricsReachAStatsdAgentWithPitayasNamesAndTags() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            agent.setSoTimeout(500);
            MetricsSettings settings = MetricsSettings.from(MapConfig.of(MetricsSettings.STATSD_ENABLED, "true",
                    MetricsSettings.STATSD_HOST, "127.0.0.1:" + agent.getLocalPort()), "chat");
            StatsdMeterRegistry registry = PitayaMeterRegistries.statsd(settings);
            try {
                registry.config().commonTags("serverType", "chat");
                MicrometerReporter reporter = new MicrometerReporter(registry, MetricsSettings.DEFAULT_LATENCY_BUCKETS, 10);
                reporter.responseTime("chat.room.join", "handler", null, 1_500_000);
                reporter.connectedClients(3);

                StringBuilder received = new StringBuilder();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline && !received.toString().contains("pitaya.response_time_ns")) {
                    reporter.responseTime("chat.room.join", "handler", null, 1_500_000);
                    DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
                    try {
                        agent.receive(packet);
                        received.append(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)).append('\n');
                    } catch (java.net.SocketTimeoutException ignored) {
                        // the registry sends in batches
                    }
                }
                assertThat(received.toString()).contains("pitaya.response_time_ns:")
                        .contains("route:chat.room.join").contains("status:ok").contains("serverType:chat");
            } finally {
                registry.close();
            }
        }
    }
}
