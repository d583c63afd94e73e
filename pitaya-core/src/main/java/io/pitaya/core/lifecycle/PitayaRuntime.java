package io.pitaya.core.lifecycle;

import io.pitaya.api.Component;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.cluster.ServerRouter;
import io.pitaya.core.cdi.BeanPriorities;
import io.pitaya.core.cdi.CdiInvocationScope;
import io.pitaya.core.cdi.PitayaBeans;
import io.pitaya.core.group.GroupServiceProvider;
import io.pitaya.core.group.GroupServices;
import io.pitaya.core.handler.DispatchPool;
import io.pitaya.core.module.ModuleContext;
import io.pitaya.core.module.Modules;
import io.pitaya.core.module.PitayaModule;
import io.pitaya.core.module.PitayaModuleProvider;
import io.pitaya.core.remote.StandaloneRemoteCaller;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.server.ServerStart;
import io.pitaya.core.session.SessionPool;
import io.pitaya.core.session.cdi.CdiSessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Starts the Pitaya server and stops it (driven by the EJB module's startup singleton), in Pitaya's order (see
 * {@link ServerLifecycle}, which starts the {@code PitayaServer} and the modules): the application's {@link Component} beans are initialised before the server accepts
 * connections and shut down after every session closed; {@link HandshakeValidator} beans check every handshake;
 * session events reach CDI observers. Handlers and close callbacks run on a {@link DispatchPool} of
 * {@code pitaya.concurrency.handler.dispatch} threads from the container's {@code ManagedThreadFactory}, so they see
 * the application's context (CDI, JNDI, security); the configured {@link Modules} (the binary module) start after the
 * server and stop after it.
 *
 * <p>The sessions' part of the shutdown (refuse newcomers, drain, close, wait for the close callbacks) usually runs
 * before {@link #stop()}: the acceptors that the container stops first start it while their
 * connections still work, the WebSocket module through {@link SessionShutdownBean} and the TCP adapter through
 * {@link CoreReadiness} (see docs/sessions-groups-lifecycle.md).
 */
@ApplicationScoped
public class PitayaRuntime {

    /** How long undeploy lets handlers still running finish before interrupting them. */
    private static final Duration DISPATCH_GRACE = Duration.ofSeconds(5);

    @Inject
    PitayaBeans pitaya;

    @Inject
    Config mpConfig;

    @Inject
    CdiSessionEvents sessionEvents;

    @Inject
    CdiInvocationScope invocationScope;

    @Inject
    @Any
    Instance<Component> componentBeans;

    @Inject
    @Any
    Instance<HandshakeValidator> validatorBeans;

    /** Modules shipped outside the core (cluster mode), when their jar is deployed. */
    @Inject
    @Any
    Instance<PitayaModuleProvider> moduleProviders;

    /** Group services shipped outside the core (etcd groups), chosen by {@code pitaya.groups.service}. */
    @Inject
    @Any
    Instance<GroupServiceProvider> groupServiceProviders;

    /** The application's choice of server per type for forwarded messages and remote calls (cluster mode). */
    @Inject
    @Any
    Instance<ServerRouter> routerBeans;

    private final List<Instance.Handle<?>> handles = new ArrayList<>();
    private ServerLifecycle lifecycle;
    private DispatchPool dispatchPool;
    private ScheduledThreadPoolExecutor scheduler;
    private Modules modules;

    /**
     * Starts everything, when the application deploys (the EJB module's startup singleton calls it).
     *
     * @param threadFactory the container's, for the handler pool, the timers and the modules
     */
    public void start(ManagedThreadFactory threadFactory) {
        LifecycleConfig config = LifecycleConfig.from(mpConfig);
        // first: an unknown pitaya.groups.service fails the deployment before anything was started
        pitaya.serviceGroups().use(GroupServices.create(mpConfig, threadFactory, groupServiceProviders));
        SessionPool sessions = pitaya.sessionPool();
        sessions.listeners().events(sessionEvents);
        sessions.listeners().closeScope(invocationScope); // close callbacks see the closed session as the injected Session
        for (Instance.Handle<HandshakeValidator> handle : sorted(validatorBeans)) {
            sessions.addHandshakeValidator(name(handle.getBean()), handle.get());
            handles.add(handle);
        }
        List<Components.Entry> entries = new ArrayList<>();
        for (Instance.Handle<Component> handle : sorted(componentBeans)) {
            entries.add(new Components.Entry(name(handle.getBean()), priority(handle.getBean()), handle.get()));
            handles.add(handle);
        }
        List<ServerRouter> routers = new ArrayList<>();
        for (Instance.Handle<ServerRouter> handle : sorted(routerBeans)) {
            routers.add(handle.get());
            handles.add(handle);
        }
        ServerRouters serverRouters = ServerRouters.of(routers); // two for one type fail before anything started
        // handlers and close callbacks run on pitaya.concurrency.handler.dispatch container-managed threads
        dispatchPool = DispatchPool.create(mpConfig, threadFactory);
        scheduler = timers(threadFactory);
        ModuleContext moduleContext = new ModuleContext(mpConfig, pitaya.server(), pitaya.serializer(), threadFactory,
                dispatchPool, pitaya.remotes(), serverRouters);
        List<PitayaModule> provided = new ArrayList<>();
        moduleProviders.forEach(provider -> provider.create(moduleContext).ifPresent(provided::add));
        modules = Modules.from(mpConfig, threadFactory, provided);
        ServerStart serverStart = new ServerStart(pitaya::routes, dispatchPool, scheduler, invocationScope,
                modules.remoteForwarder().orElseGet(pitaya::remoteForwarder));
        // remotes work from the components' init on: here at once, on other servers once the cluster module runs
        pitaya.remotes().start(pitaya.remoteRoutes(), invocationScope, dispatchPool, modules.remoteCaller()
                .orElseGet(() -> new StandaloneRemoteCaller(pitaya.server().config().serverId())));
        lifecycle = new ServerLifecycle(config, pitaya.server(), serverStart, modules, new Components(entries),
                pitaya.serviceGroups());
        try {
            lifecycle.start();
        } catch (RuntimeException | Error e) {
            pitaya.remotes().stop();
            release();
            dispatchPool.shutdown(DISPATCH_GRACE);
            scheduler.shutdownNow();
            throw e;
        }
        // from now on the TCP adapter may hand connections to the core (while it accepts) and drain through it, and
        // the acceptors stopped before the core (the WebSocket module) close the sessions through it
        CoreReadiness.running(lifecycle);
    }

    /** Stops everything, when the application undeploys. */
    public void stop() {
        try {
            if (lifecycle != null) {
                lifecycle.stop(); // refuses new connections from its start
            }
        } finally {
            CoreReadiness.stopped();
            pitaya.remotes().stop();
            release();
            if (dispatchPool != null) {
                dispatchPool.shutdown(DISPATCH_GRACE);
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }

    /**
     * The server's timers (heartbeats, handshake deadlines, the group janitor) on one thread of the container's
     * {@code ManagedThreadFactory}, not on its {@code ManagedScheduledExecutorService}: a container may refuse to run
     * scheduled tasks while the server is suspended (WildFly refuses each run, logging WFLYEE0111 "Cannot run scheduled
     * task ... as container is suspended" every heartbeat period, and the handshake deadlines of connections taken
     * meanwhile never fire), while connections may be open whenever the server runs.
     */
    private static ScheduledThreadPoolExecutor timers(ManagedThreadFactory threadFactory) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threadFactory);
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return timers;
    }

    private void release() {
        for (Instance.Handle<?> handle : handles) {
            try {
                handle.destroy();
            } catch (RuntimeException ignored) {
                // a bean that cannot be destroyed at undeploy has nothing left to release
            }
        }
        handles.clear();
    }

    private static <T> List<Instance.Handle<T>> sorted(Instance<T> beans) {
        List<Instance.Handle<T>> list = new ArrayList<>();
        beans.handles().forEach(list::add);
        list.sort(Comparator.<Instance.Handle<T>>comparingInt(h -> priority(h.getBean())).thenComparing(h -> name(h.getBean())));
        return list;
    }

    static int priority(Bean<?> bean) {
        return BeanPriorities.of(bean);
    }

    static String name(Bean<?> bean) {
        // @Named value (or its default, the decapitalised class name), else the class name
        return bean.getName() != null ? bean.getName() : bean.getBeanClass().getName();
    }
}
