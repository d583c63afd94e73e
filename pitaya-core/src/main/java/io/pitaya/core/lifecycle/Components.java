package io.pitaya.core.lifecycle;

import io.pitaya.api.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's {@link Component}s in lifecycle order, and the running of their hooks in Pitaya's order: all
 * {@code init}, then all {@code afterInit}; at shutdown all {@code beforeShutdown}, then all {@code shutdown}, in
 * reverse order.
 */
public final class Components {

    private static final Logger LOG = Logger.getLogger(Components.class.getName());

    /** Priority of a component without {@code @Priority}: like CDI observers, {@code APPLICATION + 500}. */
    public static final int DEFAULT_PRIORITY = io.pitaya.core.cdi.BeanPriorities.DEFAULT;

    /** One component, its name for logs and its priority (lower starts first and stops last). */
    public record Entry(String name, int priority, Component component) {
    }

    private final List<Entry> ordered;
    private final List<Entry> initialised = new ArrayList<>();

    public Components(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::priority).thenComparing(Entry::name));
        this.ordered = List.copyOf(sorted);
    }

    /** The components in startup order. */
    public List<Entry> ordered() {
        return ordered;
    }

    /**
     * Runs every {@code init}, then every {@code afterInit}. When one throws, the components whose {@code init} ran
     * get their shutdown hooks (in reverse) and the exception is rethrown.
     */
    public void start() {
        try {
            for (Entry e : ordered) {
                LOG.log(Level.FINE, "init {0}", e.name());
                e.component().init();
                initialised.add(e);
            }
            for (Entry e : ordered) {
                LOG.log(Level.FINE, "afterInit {0}", e.name());
                e.component().afterInit();
            }
        } catch (RuntimeException | Error failure) {
            LOG.log(Level.SEVERE, "Pitaya component startup failed; shutting down the components already initialised", failure);
            stop();
            throw failure;
        }
        if (!ordered.isEmpty()) {
            LOG.info(() -> "Pitaya components started: " + ordered.stream().map(Entry::name).toList());
        }
    }

    /** Runs every {@code beforeShutdown}, then every {@code shutdown}, in reverse order; failures are logged. */
    public void stop() {
        List<Entry> reverse = new ArrayList<>(initialised);
        java.util.Collections.reverse(reverse);
        initialised.clear();
        for (Entry e : reverse) {
            run(e, "beforeShutdown", () -> e.component().beforeShutdown());
        }
        for (Entry e : reverse) {
            run(e, "shutdown", () -> e.component().shutdown());
        }
    }

    private static void run(Entry e, String hook, Runnable call) {
        try {
            LOG.log(Level.FINE, "{0} {1}", new Object[]{hook, e.name()});
            call.run();
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            LOG.log(Level.WARNING, "Pitaya component " + e.name() + " failed in " + hook, failure);
        }
    }
}
