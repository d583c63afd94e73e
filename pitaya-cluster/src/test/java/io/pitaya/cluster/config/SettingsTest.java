package io.pitaya.cluster.config;

import io.pitaya.cluster.discovery.EtcdSettings;
import io.pitaya.cluster.rpc.NatsClientSettings;
import io.pitaya.cluster.rpc.NatsServerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's cluster keys and defaults (PROTOCOL.md §10). */
class SettingsTest {

    private static final SettingSource NOTHING = SettingSource.of(Map.of());

    @Test
    void etcdDefaultsArePitayas() {
        EtcdSettings etcd = EtcdSettings.from(NOTHING);

        assertThat(etcd.endpoints()).containsExactly("localhost:2379");
        assertThat(etcd.prefix()).isEqualTo("pitaya/");
        assertThat(etcd.heartbeatTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(etcd.syncServersInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(etcd.revokeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(etcd.grantLeaseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(etcd.grantLeaseMaxRetries()).isEqualTo(15);
        assertThat(etcd.grantLeaseRetryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(etcd.shutdownDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(etcd.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(etcd.serverTypesBlacklist()).isEmpty();
    }

    @Test
    void etcdKeysAreRead() {
        EtcdSettings etcd = EtcdSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.sd.etcd.endpoints", "10.0.0.1:2379, http://10.0.0.2:2379",
                "pitaya.cluster.sd.etcd.heartbeat.ttl", "1m30s",
                "pitaya.cluster.sd.etcd.servertypesblacklist", "metagame,bots",
                "pitaya.cluster.sd.etcd.prefix", "game/")));

        assertThat(etcd.endpoints()).containsExactly("10.0.0.1:2379", "http://10.0.0.2:2379");
        assertThat(etcd.heartbeatTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(etcd.serverTypesBlacklist()).isEqualTo(Set.of("metagame", "bots"));
        assertThat(etcd.prefix()).isEqualTo("game/");
    }

    @Test
    void natsDefaultsArePitayas() {
        NatsClientSettings client = NatsClientSettings.from(NOTHING);
        NatsServerSettings server = NatsServerSettings.from(NOTHING);

        assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(client.connection().connect()).isEqualTo("nats://localhost:4222");
        assertThat(client.connection().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(client.connection().maxReconnectionRetries()).isEqualTo(15);
        assertThat(client.connection().reconnectWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(client.connection().reconnectJitter()).isEqualTo(Duration.ofMillis(100));
        assertThat(client.connection().reconnectJitterTls()).isEqualTo(Duration.ofSeconds(1));
        assertThat(client.connection().pingInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(client.connection().maxPingsOutstanding()).isEqualTo(3);
        assertThat(List.of(server.bufferMessages(), server.bufferPush(), server.services()))
                .containsExactly(75, 100, 30);
    }

    @Test
    void clientAndServerConnectionsHaveTheirOwnKeys() {
        SettingSource source = SettingSource.of(Map.of(
                "pitaya.cluster.rpc.client.nats.connect", "nats://a:4222",
                "pitaya.cluster.rpc.client.nats.requesttimeout", "750ms",
                "pitaya.cluster.rpc.server.nats.connect", "nats://b:4222",
                "pitaya.cluster.rpc.server.nats.services", "8"));

        assertThat(NatsClientSettings.from(source).connection().connect()).isEqualTo("nats://a:4222");
        assertThat(NatsClientSettings.from(source).requestTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(NatsServerSettings.from(source).connection().connect()).isEqualTo("nats://b:4222");
        assertThat(NatsServerSettings.from(source).services()).isEqualTo(8);
    }

    @Test
    void valuesPitayaRequiresNonZeroAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> NatsClientSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.rpc.client.nats.requesttimeout", "0s"))))
                .hasMessageContaining("pitaya.cluster.rpc.client.nats.requesttimeout");
        assertThatThrownBy(() -> NatsServerSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.rpc.server.nats.buffer.messages", "0"))))
                .hasMessageContaining("buffer.messages");
        assertThatThrownBy(() -> EtcdSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.sd.etcd.heartbeat.ttl", "soon"))))
                .hasMessageContaining("pitaya.cluster.sd.etcd.heartbeat.ttl");
        assertThatThrownBy(() -> NatsServerSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.rpc.server.nats.services", "many"))))
                .hasMessageContaining("must be an integer");
    }
}
