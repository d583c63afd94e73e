package io.pitaya.cluster.module;

import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.module.ServerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;

/** The cluster's servers as etcd service discovery last saw them, by type then id; none standalone or once left. */
@ApplicationScoped
public class ClusterServerDirectory implements ServerDirectory {

    @Inject
    ClusterModuleProvider provider;

    @Override
    public List<ClusterServer> servers() {
        return provider.module().flatMap(ClusterModule::discovery)
                .map(discovery -> discovery.servers().stream()
                        .sorted(Comparator.comparing(ServerDescriptor::type).thenComparing(ServerDescriptor::id))
                        .map(ClusterServerDirectory::view).toList())
                .orElse(List.of());
    }

    static ClusterServer view(ServerDescriptor server) {
        return new ClusterServer(server.id(), server.type(), server.metadata(), server.frontend(), server.hostname());
    }
}
