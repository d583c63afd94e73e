package io.pitaya.core.testing;

import io.pitaya.api.Sessions;
import io.pitaya.core.module.Modules;
import io.pitaya.core.module.PitayaModule;

import java.util.List;

/** A module that records its lifecycle in a test's event list, with the sessions left when the drain begins. */
public final class RecordingModule implements PitayaModule {

    private final List<String> events;
    private final Sessions sessions;

    public RecordingModule(List<String> events, Sessions sessions) {
        this.events = events;
        this.sessions = sessions;
    }

    /** The modules of a lifecycle under test: just this one. */
    public static Modules of(List<String> events, Sessions sessions) {
        return new Modules(List.of(new RecordingModule(events, sessions)));
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void start() {
        events.add("server started");
    }

    @Override
    public void beforeSessionsDrain() {
        events.add("before drain: " + sessions.count() + " sessions");
    }

    @Override
    public void stop() {
        events.add("modules stopped");
    }
}
