package io.pitaya.core.group;

import io.pitaya.core.config.MapConfig;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pitaya.groups.service} chooses where groups are kept. */
class GroupServicesTest {

    private static final ThreadFactory THREADS = Thread::new;

    /** A provider answering a service of its own, remembering what it was given. */
    static final class NamedProvider implements GroupServiceProvider {
        final String name;
        final GroupService service = new MemoryGroupService();
        Config config;
        ThreadFactory threads;

        NamedProvider(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public GroupService create(Config config, ThreadFactory threads) {
            this.config = config;
            this.threads = threads;
            return service;
        }
    }

    @Test
    void memoryIsTheDefaultEvenWhenProvidersAreDeployed() {
        NamedProvider etcd = new NamedProvider("etcd");
        assertThat(GroupServices.create(MapConfig.of(), THREADS, List.of(etcd))).isInstanceOf(MemoryGroupService.class);
        assertThat(GroupServices.create(MapConfig.of("pitaya.groups.service", "memory"), THREADS, List.of(etcd)))
                .isInstanceOf(MemoryGroupService.class);
        assertThat(GroupServices.create(MapConfig.of("pitaya.groups.service", " "), THREADS, List.of()))
                .isInstanceOf(MemoryGroupService.class);
        assertThat(etcd.config).as("not asked").isNull();
    }

    @Test
    void theProviderNamedByTheConfigurationMakesTheService() {
        NamedProvider redis = new NamedProvider("redis");
        NamedProvider etcd = new NamedProvider("etcd");
        Config config = MapConfig.of("pitaya.groups.service", "ETCD");

        assertThat(GroupServices.create(config, THREADS, List.of(redis, etcd))).isSameAs(etcd.service);
        assertThat(etcd.config).isSameAs(config);
        assertThat(etcd.threads).isSameAs(THREADS);
        assertThat(redis.config).isNull();
    }

    @Test
    void anUnknownServiceFailsWithWhatIsDeployed() {
        assertThatThrownBy(() -> GroupServices.create(MapConfig.of("pitaya.groups.service", "etcd"), THREADS,
                List.of(new NamedProvider("redis"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pitaya.groups.service=etcd")
                .hasMessageContaining("known: memory, redis")
                .hasMessageContaining("pitaya-cluster");
    }

    @Test
    void serviceGroupsUseTheChosenServiceForStorage() {
        MemoryGroupService chosen = new MemoryGroupService();
        ServiceGroups groups = new ServiceGroups(new MemoryGroupService(), null, null);
        groups.use(chosen);
        groups.create("room");
        groups.add("room", "alice");
        assertThat(chosen.members("room")).containsExactly("alice");
        assertThat(groups.service()).isSameAs(chosen);
    }

    @Test
    void startAndStopReachTheService() throws Exception {
        MemoryGroupService service = new MemoryGroupService();
        ServiceGroups groups = new ServiceGroups(service, null, null);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            groups.start(new GroupServiceContext(timers, Duration.ofMillis(10)));
            groups.createWithTTL("short", Duration.ofMillis(1));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (exists(service, "short") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(exists(service, "short")).as("deleted by the janitor the start started").isFalse();

            groups.stop();
            service.startJanitor(timers, Duration.ofSeconds(1)); // would throw if the stop had left it running
        } finally {
            service.stopJanitor();
            timers.shutdownNow();
        }
    }

    private static boolean exists(GroupService service, String group) {
        try {
            service.count(group);
            return true;
        } catch (io.pitaya.api.PitayaException notFound) {
            return false;
        }
    }
}
