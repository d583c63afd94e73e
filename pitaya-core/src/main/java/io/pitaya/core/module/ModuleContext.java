package io.pitaya.core.module;

import io.pitaya.api.Serializer;
import io.pitaya.core.remote.Remotes;
import io.pitaya.core.server.PitayaServer;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What a {@link PitayaModuleProvider} may build its module from: the configuration, the server (its handlers run
 * forwarded messages once it started), its serializer, the container-managed thread factory, the handler pool and
 * the server's remotes (they serve user RPCs once started).
 */
public record ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                            Executor workers, Remotes remotes) {

    /** Without remotes of the application (a server that serves none). */
    public ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                         Executor workers) {
        this(config, server, serializer, threads, workers, new Remotes(server.config().serverType()));
    }
}
