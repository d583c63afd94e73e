package io.pitaya.core.module;

import io.pitaya.core.config.MapConfig;
import io.pitaya.core.router.RemoteForwarder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules' order: started in order; told of the drain and stopped last started first. */
class ModulesTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private PitayaModule module(String name, boolean failBeforeDrain) {
        return new PitayaModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void beforeSessionsDrain() {
                events.add("before drain " + name);
                if (failBeforeDrain) {
                    throw new IllegalStateException(name + " fails before the drain (expected by the test)");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void theDrainHookRunsLastStartedFirstAndAFailureDoesNotStopTheOthers() {
        Modules modules = new Modules(List.of(module("a", false), module("b", true)));
        modules.start();
        modules.beforeSessionsDrain();
        modules.stop();

        assertThat(events).containsExactly("start a", "start b", "before drain b", "before drain a", "stop b", "stop a");
    }

    @Test
    void modulesNeverStartedHearNothing() {
        Modules modules = new Modules(List.of(module("a", false)));
        modules.beforeSessionsDrain();
        modules.stop();

        assertThat(events).isEmpty();
    }

    @Test
    void aProvidedModulesForwarderIsTheServers() {
        RemoteForwarder forwarder = (session, route, message) -> null;
        PitayaModule forwarding = new PitayaModule() {
            @Override
            public String name() {
                return "cluster";
            }

            @Override
            public Optional<RemoteForwarder> remoteForwarder() {
                return Optional.of(forwarder);
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        };

        assertThat(new Modules(List.of(module("a", false))).remoteForwarder()).isEmpty();
        assertThat(Modules.from(new MapConfig(Map.of()), Thread::new, List.of(module("a", false), forwarding))
                .remoteForwarder()).containsSame(forwarder);
    }
}
