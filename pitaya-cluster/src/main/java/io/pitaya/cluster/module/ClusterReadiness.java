package io.pitaya.cluster.module;

import io.pitaya.core.health.ReadinessContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cluster mode's parts of the server's readiness (the health module asks them): {@link Nats} is ready when the RPC
 * server's and client's NATS connections are up, {@link Etcd} when this server is registered in etcd (not yet, or
 * no longer once it left before its session drain). Standalone (cluster mode off) both are ready.
 */
public abstract class ClusterReadiness implements ReadinessContributor {

    @Inject
    ClusterModuleProvider provider;

    abstract Predicate<ClusterModule> check();

    @Override
    public boolean ready() {
        Optional<ClusterModule> module = provider.module();
        return module.isEmpty() || check().test(module.get());
    }

    @Override
    public String detail() {
        if (provider.module().isEmpty()) {
            return "standalone";
        }
        return ready() ? "UP" : "DOWN";
    }

    @ApplicationScoped
    public static class Nats extends ClusterReadiness {
        @Override
        public String name() {
            return "nats";
        }

        @Override
        Predicate<ClusterModule> check() {
            return ClusterModule::natsConnected;
        }
    }

    @ApplicationScoped
    public static class Etcd extends ClusterReadiness {
        @Override
        public String name() {
            return "etcd";
        }

        @Override
        Predicate<ClusterModule> check() {
            return ClusterModule::registered;
        }
    }
}
