package io.pitaya.it.pipeline;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Handlers of the pipelines-and-limits test deployment (service {@code pipe}); the hooks in this package act on
 * this service only.
 */
@Handler("pipe")
public class PipeService {

    @Inject
    Session session;

    @Inject
    CallLog log;

    public record Text(String msg) {
    }

    /** Echoes; the before hooks change the argument on the way in, the after hooks wrap the result. */
    public Text echo(Text in) {
        return new Text("echo " + in.msg());
    }

    /** Guarded by the auth hook: only a session with data {@code admin} gets here. */
    public Text secret() {
        return new Text("the secret");
    }

    public void promote() {
        session.set("admin", true);
    }

    /** Fails; an after hook sees the error and replaces it. */
    public Text fail() {
        throw new PitayaException("RH-001", "handler failed");
    }

    /** What the before hooks wrote into this call's request-scoped log, and the session they saw. */
    public Map<String, Object> scope() {
        return Map.of("log", log.entries(), "session", session.id());
    }

    /** Validated when struct validation is on: name not blank, level 1..99. */
    public Text register(Registration registration) {
        return new Text("registered " + registration.name());
    }

    public byte[] raw(byte[] in) {
        return in;
    }

    /** Holds a handler thread for {@code ms} milliseconds, reporting the thread. */
    public Map<String, Object> hold(Map<String, Integer> in) throws InterruptedException {
        Thread.sleep(in.getOrDefault("ms", 0));
        return Map.of("thread", Thread.currentThread().getName());
    }

    public Map<String, Object> thread() {
        return Map.of("thread", Thread.currentThread().getName());
    }
}
