package io.pitaya.core.module;

import io.pitaya.api.Serializer;
import io.pitaya.core.server.PitayaServer;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What a {@link PitayaModuleProvider} may build its module from: the configuration, the server (its handlers run
 * forwarded messages once it started), its serializer, the container-managed thread factory and the handler pool.
 */
public record ModuleContext(Config config, PitayaServer server, Serializer serializer, ThreadFactory threads,
                            Executor workers) {
}
