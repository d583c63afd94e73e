package io.pitaya.core.server;

import io.pitaya.core.handler.HandlerRegistry;
import io.pitaya.core.handler.InvocationScope;
import io.pitaya.core.router.NoRemoteServers;
import io.pitaya.core.router.RemoteForwarder;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What a {@link PitayaServer} runs with once started: its route table (built when it starts), the handler pool
 * (sessions' mailboxes run on it), the timers, the scope around each handler call, and where messages for other
 * server types go.
 */
public record ServerStart(Supplier<HandlerRegistry> routes, Executor executor, ScheduledExecutorService scheduler,
                          InvocationScope scope, RemoteForwarder remote) {

    /** Standalone: no other server type is reachable. */
    public static ServerStart standalone(HandlerRegistry routes, Executor executor, ScheduledExecutorService scheduler,
                                         InvocationScope scope) {
        return new ServerStart(() -> routes, executor, scheduler, scope, NoRemoteServers.INSTANCE);
    }
}
