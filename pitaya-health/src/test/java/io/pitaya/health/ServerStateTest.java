package io.pitaya.health;

import io.pitaya.core.health.ReadinessContributor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStateTest {

    record Contributor(String name, boolean ready) implements ReadinessContributor {
    }

    @Test
    void readyOnlyWhenStartedAcceptingAndListening() {
        assertThat(ServerState.of(true, true, true).ready()).isTrue();
        assertThat(ServerState.of(true, true, null).ready()).as("no TCP adapter in the deployment").isTrue();
        assertThat(ServerState.of(false, false, true).ready()).as("not started").isFalse();
        assertThat(ServerState.of(true, false, true).ready()).as("draining").isFalse();
        assertThat(ServerState.of(true, true, false).ready()).as("suspended: the adapter's endpoint is inactive").isFalse();
    }

    @Test
    void liveWhileStartedEvenWhenDraining() {
        assertThat(ServerState.of(true, false, false).live()).isTrue();
        assertThat(ServerState.of(false, false, false).live()).isFalse();
    }

    @Test
    void everyContributorMustBeReadyAndShowsInTheData() {
        ServerState state = ServerState.of(true, true, true, List.of(new Contributor("nats", true), new Contributor("etcd", false)));
        assertThat(state.ready()).isFalse();
        assertThat(state.data()).containsAllEntriesOf(Map.of("core", "started", "accepting", true, "tcp", "listening",
                "nats", "UP", "etcd", "DOWN"));
        assertThat(ServerState.of(true, true, true, List.of(new Contributor("nats", true))).ready()).isTrue();
    }

    @Test
    void aContributorThatThrowsIsNotReady() {
        ReadinessContributor broken = new ReadinessContributor() {
            public String name() {
                return "etcd";
            }

            public boolean ready() {
                throw new IllegalStateException("no lease");
            }
        };
        ServerState state = ServerState.of(true, true, true, List.of(broken));
        assertThat(state.ready()).isFalse();
        assertThat(state.data().get("etcd").toString()).contains("no lease");
    }
}
