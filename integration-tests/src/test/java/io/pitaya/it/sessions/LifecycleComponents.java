package io.pitaya.it.sessions;

import io.pitaya.api.Component;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Two components with priorities, recording their lifecycle hooks. */
final class LifecycleComponents {

    private LifecycleComponents() {
    }

    abstract static class Recording implements Component {
        @Inject
        Recorder recorder;

        abstract String name();

        @Override
        public void init() {
            recorder.add("init " + name());
        }

        @Override
        public void afterInit() {
            recorder.add("afterInit " + name());
        }

        @Override
        public void beforeShutdown() {
            recorder.add("beforeShutdown " + name());
        }

        @Override
        public void shutdown() {
            recorder.add("shutdown " + name());
        }
    }

    @ApplicationScoped
    @Priority(10)
    static class First extends Recording {
        @Override
        String name() {
            return "first";
        }
    }

    @ApplicationScoped
    @Priority(20)
    static class Second extends Recording {
        @Override
        String name() {
            return "second";
        }
    }
}
