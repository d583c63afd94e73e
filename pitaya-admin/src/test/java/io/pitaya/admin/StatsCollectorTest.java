package io.pitaya.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MockClock;
import io.pitaya.api.PitayaException;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.core.config.MapConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page's JSON: clients, routes, groups and servers, standalone and in a cluster, and when etcd fails. */
class StatsCollectorTest {

    private final MockClock clock = new MockClock();
    private final RouteTraffic traffic = new RouteTraffic(clock, Duration.ofSeconds(10), 100);
    private final ClusterServer self = new ClusterServer("chat-1", "chat", Map.of(), true, "host-a");
    private final AtomicReference<List<ClusterServer>> cluster = new AtomicReference<>(List.of());

    @AfterEach
    void close() {
        traffic.close();
    }

    private StatsCollector collector(Supplier<SortedMap<String, Integer>> groups) {
        return new StatsCollector(self, 10, () -> 7, groups, cluster::get, traffic, () -> 1234L);
    }

    private static JsonNode json(AdminStats stats) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        return mapper.readTree(mapper.writeValueAsBytes(stats));
    }

    @Test
    void standaloneShowsThisServerItsClientsRoutesAndGroups() throws Exception {
        traffic.responseTime("chat.room.join", "handler", null, 3_000_000);
        clock.add(Duration.ofSeconds(1));
        SortedMap<String, Integer> groups = new TreeMap<>(Map.of("room", 2, "lobby", 0));

        JsonNode stats = json(collector(() -> groups).collect());

        assertThat(stats.get("server").asText()).isEqualTo("chat-1");
        assertThat(stats.get("serverType").asText()).isEqualTo("chat");
        assertThat(stats.get("time").asLong()).isEqualTo(1234);
        assertThat(stats.get("windowSeconds").asLong()).isEqualTo(10);
        assertThat(stats.get("clients").asInt()).isEqualTo(7);
        JsonNode route = stats.get("routes").get(0);
        assertThat(route.get("route").asText()).isEqualTo("chat.room.join");
        assertThat(route.get("type").asText()).isEqualTo("handler");
        assertThat(route.get("rate").asDouble()).isEqualTo(1.0);
        assertThat(route.get("errors").asDouble()).isZero();
        assertThat(route.get("p50").asDouble()).isBetween(2.9, 3.1);
        assertThat(route.get("p99").asDouble()).isBetween(2.9, 3.1);
        assertThat(stats.get("groups").toString()).isEqualTo("[{\"name\":\"lobby\",\"size\":0},{\"name\":\"room\",\"size\":2}]");
        assertThat(stats.get("groupsError").isNull()).isTrue();
        assertThat(stats.get("servers").toString()).isEqualTo(
                "[{\"id\":\"chat-1\",\"type\":\"chat\",\"frontend\":true,\"hostname\":\"host-a\",\"self\":true}]");
    }

    @Test
    void clusterModeShowsEveryServerAndMarksThisOne() throws Exception {
        cluster.set(List.of(self, new ClusterServer("room-1", "room", Map.of(), false, "host-b")));

        JsonNode servers = json(collector(TreeMap::new).collect()).get("servers");

        assertThat(servers).hasSize(2);
        assertThat(servers.get(0).get("self").asBoolean()).isTrue();
        assertThat(servers.get(1).get("id").asText()).isEqualTo("room-1");
        assertThat(servers.get(1).get("frontend").asBoolean()).isFalse();
        assertThat(servers.get(1).get("self").asBoolean()).isFalse();
    }

    @Test
    void aFailingGroupServiceLeavesTheRestShown() throws Exception {
        JsonNode stats = json(collector(() -> {
            throw new PitayaException(PitayaException.UNKNOWN, "context deadline exceeded");
        }).collect());

        assertThat(stats.get("groups")).isEmpty();
        assertThat(stats.get("groupsError").asText()).isEqualTo("context deadline exceeded");
        assertThat(stats.get("clients").asInt()).isEqualTo(7);
    }

    @Test
    void offGivesTheCoreNoReporterSoNothingRunsPerMessage() {
        PitayaAdmin off = new PitayaAdmin();
        off.config = new MapConfig(Map.of());
        off.init();
        assertThat(off.reporter()).isEmpty();
        assertThat(off.enabled()).isFalse();

        PitayaAdmin on = new PitayaAdmin();
        on.config = new MapConfig(Map.of(AdminSettings.ENABLED, "true"));
        on.init();
        assertThat(on.reporter()).containsInstanceOf(RouteTraffic.class);
        assertThat(on.enabled()).isTrue();
        on.close();
    }
}
