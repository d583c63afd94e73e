package io.pitaya.core.lifecycle;

import io.pitaya.core.cdi.PitayaBeans;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

/**
 * Starts the Pitaya server when the application deploys and stops it (closing every session) when it undeploys.
 * Handlers run on the container's managed executor, so they see the application's context (CDI, JNDI, security).
 */
@Singleton
@Startup
public class PitayaLifecycle {

    @Inject
    PitayaBeans pitaya;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @PostConstruct
    void start() {
        pitaya.start(executor, scheduler);
    }

    @PreDestroy
    void stop() {
        pitaya.stop();
    }
}
