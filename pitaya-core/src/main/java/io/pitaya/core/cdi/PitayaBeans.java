package io.pitaya.core.cdi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.api.Groups;
import io.pitaya.api.Rpc;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import io.pitaya.api.docs.Documentation;
import io.pitaya.api.metrics.Reporter;
import io.pitaya.core.agent.ConnectionLimits;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.config.RouteDictionaryConfig;
import io.pitaya.core.docs.DocsRoutes;
import io.pitaya.core.docs.HandlerDocumentation;
import io.pitaya.core.group.MemoryGroupService;
import io.pitaya.core.group.ServiceGroups;
import io.pitaya.core.handler.HandlerRegistry;
import io.pitaya.core.handler.HandlerScanner;
import io.pitaya.core.metrics.MetricsReporter;
import io.pitaya.core.metrics.MetricsReporterProvider;
import io.pitaya.core.metrics.MetricsReporters;
import io.pitaya.core.metrics.ReporterAdapter;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.core.tracing.TracerProvider;
import io.pitaya.core.remote.RemoteRegistry;
import io.pitaya.core.remote.RemoteScanner;
import io.pitaya.core.remote.Remotes;
import io.pitaya.core.serialize.SerializerBeans;
import io.pitaya.core.router.NoRemoteServers;
import io.pitaya.core.router.RemoteForwarder;
import io.pitaya.core.server.PitayaServer;
import io.pitaya.core.session.SessionPool;
import io.pitaya.spi.ConnectionAcceptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The core's objects as CDI beans: built from MicroProfile Config when first needed; the server is started and
 * stopped by {@link io.pitaya.core.lifecycle.ServerLifecycle} (driven by {@code PitayaRuntime}). Application code injects {@link Session}, {@link Sessions},
 * {@link Groups}, {@link Rpc}; acceptors inject {@link ConnectionAcceptor}.
 */
@ApplicationScoped
public class PitayaBeans {

    private static final Logger LOG = Logger.getLogger(PitayaBeans.class.getName());

    @Inject
    Config mpConfig;

    @Inject
    BeanManager beanManager;

    @Inject
    HandlerExtension handlers;

    @Inject
    PluggableBeans pluggable;

    @Inject
    CdiInvocationScope invocationScope;

    @Inject
    RequestScopeUsage requestScope;

    @Inject
    PipelineHooks pipelineHooks;

    /** Cluster mode's forwarder to other server types, when a module provides one as a bean; none standalone. */
    @Inject
    Instance<RemoteForwarder> remoteForwarders;

    /** The metrics module's reporter (Micrometer), when its jar is deployed; it says whether it is enabled. */
    @Inject
    @Any
    Instance<MetricsReporterProvider> metricsModules;

    /** The application's custom reporters, like Pitaya's {@code metrics.Reporter}s. */
    @Inject
    @Any
    Instance<Reporter> customReporters;

    /** The tracing module (OpenTelemetry), when its jar is deployed; it says whether tracing is on. */
    @Inject
    @Any
    Instance<TracerProvider> tracingModules;

    private PitayaConfig config;
    private Serializer serializer;
    private SessionPool sessions;
    private ServiceGroups groups;
    private PitayaServer server;
    private Remotes remotes;
    private volatile RemoteRegistry remoteRoutes = RemoteRegistry.EMPTY;
    private volatile HandlerDocumentation documentation;

    @PostConstruct
    void init() {
        config = PitayaConfig.from(mpConfig);
        serializer = SerializerBeans.select(mpConfig, config, pluggable.serializerBeans(), beanManager);
        sessions = new SessionPool();
        groups = new ServiceGroups(new MemoryGroupService(), sessions, serializer); // the configured service at start
        server = new PitayaServer(config, serializer, sessions,
                RouteDictionaryConfig.from(mpConfig, pluggable.dictionaryBeans(), beanManager));
        server.connectionLimits(ConnectionLimits.from(mpConfig));
        remotes = new Remotes(config.serverType());
        server.metrics(metricsReporter());
        server.tracer(tracer());
    }

    private Tracer tracer() {
        for (TracerProvider module : tracingModules) {
            Optional<Tracer> tracer = module.tracer(config);
            if (tracer.isPresent()) {
                LOG.info(() -> "Pitaya tracing: " + tracer.get());
                return tracer.get();
            }
        }
        return Tracer.NONE;
    }

    private MetricsReporter metricsReporter() {
        List<MetricsReporter> reporters = new ArrayList<>();
        for (MetricsReporterProvider module : metricsModules) {
            module.reporter().ifPresent(reporters::add);
        }
        for (Reporter custom : customReporters) {
            reporters.add(new ReporterAdapter(custom));
        }
        MetricsReporter metrics = MetricsReporters.of(reporters);
        if (metrics != MetricsReporter.NONE) {
            LOG.info(() -> "Pitaya metrics go to " + metrics);
        }
        return metrics;
    }

    /** The route table from the discovered handler beans (and the docs routes); the server builds it when it starts. */
    public HandlerRegistry routes() {
        HandlerRegistry.Builder registry = HandlerRegistry.builder();
        for (Bean<?> bean : handlers.handlerBeans()) {
            Class<?> type = bean.getBeanClass();
            // a client proxy: resolved once, safe to share across threads for @ApplicationScoped handlers
            Object reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
            registry.add(HandlerScanner.scan(type, () -> reference));
        }
        if (DocsRoutes.enabled(mpConfig)) {
            registry.add(DocsRoutes.methods(serializer, this::documentation));
            LOG.info(() -> "pitaya.handler.docs.enabled: " + config.serverType() + "." + Documentation.SERVICE + "."
                    + Documentation.DOCS_METHOD + " and ." + Documentation.DESCRIPTORS_METHOD
                    + " answer this server's handler documentation and protobuf descriptors");
        }
        registry.pipeline(pipelineHooks.pipeline());
        HandlerRegistry routes = registry.build();
        documentation = new HandlerDocumentation(config.serverType(), routes.all(), remoteRoutes.all(),
                new ObjectMapper().findAndRegisterModules());
        if (invocationScope.requestContextPerMessage()) {
            LOG.info(() -> "Each message runs in a CDI request context of its own (" + CdiInvocationScope.MODE_KEY
                    + "; request-scoped beans: " + requestScope.requestScopedBeans() + ")");
        }
        return routes;
    }

    /** The remote routes from the discovered {@link io.pitaya.api.Remote} beans (built before {@link #routes}). */
    public RemoteRegistry remoteRoutes() {
        RemoteRegistry.Builder registry = RemoteRegistry.builder();
        for (Bean<?> bean : handlers.remoteBeans()) {
            Class<?> type = bean.getBeanClass();
            Object reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
            registry.add(RemoteScanner.scan(type, () -> reference));
        }
        remoteRoutes = registry.pipeline(pipelineHooks.remotePipeline()).build();
        return remoteRoutes;
    }

    /** For {@link io.pitaya.core.lifecycle.PitayaRuntime}: the remotes it starts and stops. */
    public Remotes remotes() {
        return remotes;
    }

    /** Where messages for other server types go: a module's {@link RemoteForwarder} bean, or none (standalone). */
    public RemoteForwarder remoteForwarder() {
        return remoteForwarders.isResolvable() ? remoteForwarders.get() : NoRemoteServers.INSTANCE;
    }

    /** The documentation of the handlers, once {@link #start} has built the route table. */
    public HandlerDocumentation documentation() {
        HandlerDocumentation docs = documentation;
        if (docs == null) {
            throw new IllegalStateException("the handler documentation exists once the server has started");
        }
        return docs;
    }

    /** For {@link io.pitaya.core.lifecycle.PitayaRuntime}: the server it starts and stops. */
    public PitayaServer server() {
        return server;
    }

    /** For {@link io.pitaya.core.lifecycle.PitayaRuntime}: listeners, validators, drain. */
    public SessionPool sessionPool() {
        return sessions;
    }

    /** For {@link io.pitaya.core.lifecycle.PitayaRuntime}: the groups, whose service it chooses, starts and stops. */
    public ServiceGroups serviceGroups() {
        return groups;
    }

    @Produces
    PitayaConfig config() {
        return config;
    }

    @Produces
    public Serializer serializer() {
        return serializer;
    }

    @Produces
    Rpc rpc() {
        return remotes.rpc();
    }

    @Produces
    Sessions sessions() {
        return sessions;
    }

    @Produces
    Groups groups() {
        return groups;
    }

    @Produces
    ConnectionAcceptor acceptor() {
        return server;
    }

    /** The injectable {@link Session}: one object that always speaks for the session of the calling thread's work. */
    @Produces
    @Singleton
    Session currentSession() {
        return CurrentSessionProxy.create();
    }
}
