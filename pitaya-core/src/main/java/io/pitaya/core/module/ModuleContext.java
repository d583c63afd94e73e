package io.pitaya.core.module;

import io.pitaya.api.Serializer;
import io.pitaya.core.remote.Remotes;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.server.PitayaServer;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What a {@link PitayaModuleProvider} may build its module from: the configuration, the server (its handlers run
 * forwarded messages once it started), its serializer, the container-managed thread factory, the handler pool and
 * the server's remotes (they serve user RPCs once started) and the application's server routers (which server of a
 * type gets a forwarded message or a remote call).
 */
public record ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                            Executor workers, Remotes remotes, ServerRouters routers) {

    /** Without server routers of the application (a random server of a type gets each call). */
    public ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                         Executor workers, Remotes remotes) {
        this(config, server, serializer, threads, workers, remotes, ServerRouters.NONE);
    }

    /** Without remotes of the application (a server that serves none). */
    public ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                         Executor workers) {
        this(config, server, serializer, threads, workers, new Remotes(server.config().serverType()));
    }
}
