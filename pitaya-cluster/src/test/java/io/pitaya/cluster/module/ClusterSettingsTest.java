package io.pitaya.cluster.module;

import io.pitaya.cluster.config.SettingSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @Test
    void clusterModeIsOffByDefaultAndAServerIsAFrontend() {
        ClusterSettings settings = ClusterSettings.from(SettingSource.of(Map.of()));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.frontend()).isTrue();
        assertThat(settings.metadata()).isEmpty();
        assertThat(settings.etcd().endpoints()).containsExactly("localhost:2379");
        assertThat(settings.uniqueSessions()).as("pitaya.session.unique defaults to true, as in Pitaya").isTrue();
    }

    @Test
    void uniqueSessionsCanBeTurnedOff() {
        assertThat(ClusterSettings.from(SettingSource.of(Map.of("pitaya.session.unique", "false"))).uniqueSessions())
                .isFalse();
    }

    @Test
    void theKeysTurnItOnAndDescribeTheServer() {
        ClusterSettings settings = ClusterSettings.from(SettingSource.of(Map.of(
                "pitaya.cluster.enabled", "true", "pitaya.server.frontend", "false",
                "pitaya.server.metadata", "region=eu, version = 2",
                "pitaya.cluster.rpc.client.nats.requesttimeout", "750ms")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.frontend()).isFalse();
        assertThat(settings.metadata()).isEqualTo(Map.of("region", "eu", "version", "2"));
        assertThat(settings.rpcClient().requestTimeout()).hasMillis(750);
    }

    @Test
    void malformedMetadataNamesTheKey() {
        assertThatThrownBy(() -> ClusterSettings.from(SettingSource.of(Map.of("pitaya.server.metadata", "region"))))
                .hasMessageContaining("pitaya.server.metadata");
    }
}
