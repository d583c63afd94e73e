package io.pitaya.cluster.groups;

import io.pitaya.cluster.config.SettingSource;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.group.GroupService;
import io.pitaya.core.group.GroupServices;
import io.pitaya.core.group.MemoryGroupService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pitaya.groups.service=etcd} and Pitaya's {@code pitaya.groups.etcd.*} keys. */
class EtcdGroupServiceProviderTest {

    private static final ThreadFactory THREADS = Thread::new;
    private final List<EtcdGroupServiceProvider> deployed = List.of(new EtcdGroupServiceProvider());

    @Test
    void pitayasDefaults() {
        EtcdGroupSettings settings = EtcdGroupSettings.from(SettingSource.of(Map.of()));
        assertThat(settings.endpoints()).containsExactly("localhost:2379");
        assertThat(settings.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.prefix()).isEqualTo("pitaya/");
        assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.endpointUris()).containsExactly("http://localhost:2379");
    }

    @Test
    void etcdIsChosenByConfigurationWithPitayasKeys() {
        GroupService service = GroupServices.create(MapConfig.of(
                "pitaya.groups.service", "etcd",
                "pitaya.groups.etcd.endpoints", "10.0.0.1:2379,https://10.0.0.2:2379",
                "pitaya.groups.etcd.dialtimeout", "1500ms",
                "pitaya.groups.etcd.prefix", "game/",
                "pitaya.groups.etcd.transactiontimeout", "2s"), THREADS, List.copyOf(deployed));

        assertThat(service).isInstanceOf(EtcdGroups.class);
        EtcdGroupSettings settings = ((EtcdGroups) service).settings();
        assertThat(settings.endpoints()).containsExactly("10.0.0.1:2379", "https://10.0.0.2:2379");
        assertThat(settings.endpointUris()).containsExactly("http://10.0.0.1:2379", "https://10.0.0.2:2379");
        assertThat(settings.dialTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.prefix()).isEqualTo("game/");
        assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void memoryStaysTheDefaultWithTheClusterJarDeployed() {
        assertThat(GroupServices.create(MapConfig.of(), THREADS, List.copyOf(deployed)))
                .isInstanceOf(MemoryGroupService.class);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> GroupServices.create(MapConfig.of("pitaya.groups.service", "etcd",
                "pitaya.groups.etcd.transactiontimeout", "0s"), THREADS, List.copyOf(deployed)))
                .hasMessageContaining("pitaya.groups.etcd.transactiontimeout");
        assertThatThrownBy(() -> GroupServices.create(MapConfig.of("pitaya.groups.service", "etcd",
                "pitaya.groups.etcd.dialtimeout", "soon"), THREADS, List.copyOf(deployed)))
                .hasMessageContaining("pitaya.groups.etcd.dialtimeout");
    }
}
