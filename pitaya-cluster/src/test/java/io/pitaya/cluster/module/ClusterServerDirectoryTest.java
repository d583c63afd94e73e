package io.pitaya.cluster.module;

import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page's list of servers: what etcd discovery sees in cluster mode, nothing standalone. */
class ClusterServerDirectoryTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private final TestCluster cluster = new TestCluster(ETCD, NATS);

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    private static ClusterServerDirectory directoryOf(Optional<ClusterModule> module) {
        ClusterServerDirectory directory = new ClusterServerDirectory();
        directory.provider = new ClusterModuleProvider() {
            @Override
            public Optional<ClusterModule> module() {
                return module;
            }
        };
        return directory;
    }

    @Test
    void standaloneListsNoServer() {
        assertThat(directoryOf(Optional.empty()).servers()).isEmpty();
    }

    @Test
    void clusterModeListsEveryDiscoveredServerByTypeThenId() {
        TestCluster.Node room = cluster.backend("room");
        TestCluster.Node connector = cluster.frontend("connector");

        assertThat(directoryOf(Optional.of(connector.module())).servers())
                .extracting(ClusterServer::type, ClusterServer::id, ClusterServer::frontend)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("connector", connector.id(), true),
                        org.assertj.core.groups.Tuple.tuple("room", room.id(), false));
    }
}
