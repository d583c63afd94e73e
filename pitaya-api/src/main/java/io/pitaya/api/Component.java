package io.pitaya.api;

/**
 * An application component with Pitaya's lifecycle hooks. Make it a CDI bean (usually {@code @ApplicationScoped},
 * a {@link Handler} may implement it too) and the server calls, in Pitaya's order:
 *
 * <ol>
 *   <li>at deploy, before the server accepts connections: {@link #init()} of every component, then
 *       {@link #afterInit()} of every component, both in {@link jakarta.annotation.Priority @Priority} order
 *       (lower first; none counts as {@code 2500}, like CDI observers; ties by class name);</li>
 *   <li>at undeploy: every session is closed first (their close callbacks complete, bounded by
 *       {@code pitaya.session.closeall.timeout}), then {@link #beforeShutdown()} of every component, then
 *       {@link #shutdown()} of every component, both in reverse order.</li>
 * </ol>
 *
 * An exception from {@code init} or {@code afterInit} fails the deployment (components already initialised are
 * shut down first); exceptions from the shutdown hooks are logged and the others still run.
 */
public interface Component {

    default void init() {
    }

    default void afterInit() {
    }

    default void beforeShutdown() {
    }

    default void shutdown() {
    }
}
