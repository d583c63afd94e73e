package io.pitaya.ejb;

import io.pitaya.core.lifecycle.PitayaRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

/**
 * Starts the Pitaya server when the application deploys and stops it when it undeploys. The work is the core's
 * ({@link PitayaRuntime}, in the EAR's lib/); this bean gives it the container's startup and shutdown and its
 * managed threads.
 */
@Singleton
@Startup
public class PitayaLifecycle {

    @Inject
    PitayaRuntime runtime;

    @Resource
    ManagedThreadFactory threadFactory;

    @PostConstruct
    void start() {
        runtime.start(threadFactory);
    }

    @PreDestroy
    void stop() {
        runtime.stop();
    }
}
