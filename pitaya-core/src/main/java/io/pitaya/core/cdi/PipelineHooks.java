package io.pitaya.core.cdi;

import io.pitaya.api.pipeline.AfterHandler;
import io.pitaya.api.pipeline.AfterRemote;
import io.pitaya.api.pipeline.BeforeHandler;
import io.pitaya.api.pipeline.BeforeRemote;
import io.pitaya.core.config.ConfigReader;
import io.pitaya.core.handler.HandlerPipeline;
import io.pitaya.core.handler.StructValidation;
import io.pitaya.core.remote.RemotePipeline;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Finds the application's {@link BeforeHandler} and {@link AfterHandler} CDI beans and builds the pipeline every
 * handler call goes through (and likewise {@link BeforeRemote} and {@link AfterRemote} for remote calls), ordered by {@link Priority @Priority} (lowest first, default
 * {@link BeforeHandler#DEFAULT_PRIORITY}, equal priorities by bean class name); adds Pitaya's struct validation
 * when {@code pitaya.defaultpipelines.structvalidation.enabled} is true.
 */
@ApplicationScoped
public class PipelineHooks {

    public static final String STRUCT_VALIDATION = "pitaya.defaultpipelines.structvalidation.enabled";

    private static final Logger LOG = Logger.getLogger(PipelineHooks.class.getName());

    @Inject
    Config config;

    @Inject
    @Any
    Instance<BeforeHandler> beforeHooks;

    @Inject
    @Any
    Instance<AfterHandler> afterHooks;

    @Inject
    @Any
    Instance<BeforeRemote> beforeRemoteHooks;

    @Inject
    @Any
    Instance<AfterRemote> afterRemoteHooks;

    @Inject
    Instance<Validator> validators;

    private final List<Instance.Handle<?>> handles = new ArrayList<>();

    /** Builds the pipeline; call once, at startup. */
    public synchronized HandlerPipeline pipeline() {
        HandlerPipeline.Builder pipeline = HandlerPipeline.builder();
        for (Instance.Handle<BeforeHandler> handle : beforeHooks.handles()) {
            pipeline.before(handle.get(), priority(handle.getBean()), name(handle.getBean()));
            keep(handle);
        }
        for (Instance.Handle<AfterHandler> handle : afterHooks.handles()) {
            pipeline.after(handle.get(), priority(handle.getBean()), name(handle.getBean()));
            keep(handle);
        }
        if (ConfigReader.bool(config, STRUCT_VALIDATION, false)) {
            pipeline.before(new StructValidation(validator()), StructValidation.PRIORITY, "pitaya struct validation");
        }
        HandlerPipeline built = pipeline.build();
        if (!built.isEmpty()) {
            LOG.info(() -> "handler pipeline: " + built);
        }
        return built;
    }

    /** Builds the hooks around remote calls ({@link BeforeRemote}, {@link AfterRemote}); call once, at startup. */
    public synchronized RemotePipeline remotePipeline() {
        RemotePipeline.Builder pipeline = RemotePipeline.builder();
        for (Instance.Handle<BeforeRemote> handle : beforeRemoteHooks.handles()) {
            pipeline.before(handle.get(), priority(handle.getBean()), name(handle.getBean()));
            keep(handle);
        }
        for (Instance.Handle<AfterRemote> handle : afterRemoteHooks.handles()) {
            pipeline.after(handle.get(), priority(handle.getBean()), name(handle.getBean()));
            keep(handle);
        }
        return pipeline.build();
    }

    /**
     * A {@code @Dependent} hook was made for the pipeline and is destroyed with it; normal-scoped hooks (the usual
     * {@code @ApplicationScoped}) are proxies whose instances their context destroys.
     */
    private void keep(Instance.Handle<?> handle) {
        if (handle.getBean().getScope() == Dependent.class) {
            handles.add(handle);
        }
    }

    private Validator validator() {
        if (validators.isResolvable()) {
            return validators.get();
        }
        try {
            return Validation.buildDefaultValidatorFactory().getValidator();
        } catch (RuntimeException e) {
            throw new IllegalStateException(STRUCT_VALIDATION + " is true but no Jakarta Validation provider is available", e);
        }
    }

    static int priority(Bean<?> bean) {
        return BeanPriorities.of(bean);
    }

    private static String name(Bean<?> bean) {
        return bean.getBeanClass().getName();
    }

    @PreDestroy
    synchronized void release() {
        for (Instance.Handle<?> handle : handles) {
            try {
                handle.destroy();
            } catch (RuntimeException ignored) {
                // nothing left to release at undeploy
            }
        }
        handles.clear();
    }
}
