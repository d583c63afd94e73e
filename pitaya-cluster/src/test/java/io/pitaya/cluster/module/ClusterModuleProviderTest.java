package io.pitaya.cluster.module;

import io.pitaya.core.config.MapConfig;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.module.PitayaModule;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The core asks the provider for its module: none standalone, the cluster module when cluster mode is on. */
class ClusterModuleProviderTest {

    private final TestServer server = TestServer.builder().type("room").start();

    @AfterEach
    void close() {
        server.close();
    }

    private Optional<PitayaModule> create(Map<String, String> keys) {
        return new ClusterModuleProvider().create(new ModuleContext(new MapConfig(keys), server.server(),
                server.serializer(), Thread::new, Runnable::run));
    }

    @Test
    void standaloneByDefault() {
        assertThat(create(Map.of())).isEmpty();
        assertThat(create(Map.of("pitaya.cluster.enabled", "false"))).isEmpty();
    }

    @Test
    void clusterModeGivesTheModuleAndItsForwarder() {
        PitayaModule module = create(Map.of("pitaya.cluster.enabled", "true", "pitaya.server.frontend", "false"))
                .orElseThrow();

        assertThat(module.name()).isEqualTo("cluster");
        assertThat(module.remoteForwarder()).isPresent();
        assertThat(((ClusterModule) module).self().type()).isEqualTo("room");
        assertThat(((ClusterModule) module).self().frontend()).isFalse();
        module.stop(); // never started: nothing to release, no failure
    }
}
