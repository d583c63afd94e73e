package io.pitaya.core.module;

import io.pitaya.core.remote.RemoteCaller;
import io.pitaya.core.router.RemoteForwarder;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The modules this server runs, from configuration: started in order, stopped in reverse order. */
public final class Modules {

    private static final Logger LOG = Logger.getLogger(Modules.class.getName());

    private final List<PitayaModule> modules;
    private final List<PitayaModule> started = new ArrayList<>();

    public Modules(List<PitayaModule> modules) {
        this.modules = List.copyOf(modules);
    }

    /** The configured modules; {@code threads} makes the threads they need (a container-managed factory). */
    public static Modules from(Config config, ThreadFactory threads) {
        List<PitayaModule> modules = new ArrayList<>();
        BinaryModuleConfig.from(config).ifPresent(binary -> modules.add(new BinaryModule(binary, threads)));
        return new Modules(modules);
    }

    /** The configured modules, then those the providers made (each empty when its configuration leaves it off). */
    public static Modules from(Config config, ThreadFactory threads, List<PitayaModule> provided) {
        List<PitayaModule> modules = new ArrayList<>(from(config, threads).all());
        modules.addAll(provided);
        return new Modules(modules);
    }

    /** The first module's forwarder to other server types, if a module has one. */
    public Optional<RemoteForwarder> remoteForwarder() {
        return modules.stream().map(PitayaModule::remoteForwarder).flatMap(Optional::stream).findFirst();
    }

    /** The first module's sender of remote calls to other servers, if a module has one. */
    public Optional<RemoteCaller> remoteCaller() {
        return modules.stream().map(PitayaModule::remoteCaller).flatMap(Optional::stream).findFirst();
    }

    public List<PitayaModule> all() {
        return modules;
    }

    /** Starts every module; if one fails, stops those already started and throws. */
    public synchronized void start() {
        for (PitayaModule module : modules) {
            try {
                module.start();
                started.add(module);
            } catch (Exception e) {
                module.stop();
                stop();
                throw new IllegalStateException("module " + module.name() + " failed to start: " + e.getMessage(), e);
            }
        }
    }

    /** Tells the started modules, last started first, that the sessions are about to be drained. */
    public synchronized void beforeSessionsDrain() {
        lastStartedFirst("failed before the session drain", PitayaModule::beforeSessionsDrain);
    }

    /** Stops the started modules, last started first. */
    public synchronized void stop() {
        lastStartedFirst("failed to stop", PitayaModule::stop);
        started.clear();
    }

    /** Runs {@code step} on every started module, last started first; a failure is logged and the others go on. */
    private void lastStartedFirst(String failure, Consumer<PitayaModule> step) {
        for (int i = started.size() - 1; i >= 0; i--) {
            PitayaModule module = started.get(i);
            try {
                step.accept(module);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "module " + module.name() + " " + failure, e);
            }
        }
    }
}
