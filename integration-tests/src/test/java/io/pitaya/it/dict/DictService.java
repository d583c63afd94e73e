package io.pitaya.it.dict;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.Map;

/** Handlers for the route dictionary and compression tests (JSON serializer). */
@Handler("testsvc")
public class DictService {

    @Inject
    Session session;

    /** Raw in, raw out: what the client sent, byte for byte. */
    public byte[] echo(byte[] in) {
        return in;
    }

    public Map<String, Object> hello(Map<String, Object> in) {
        return Map.of("hello", in.get("name"));
    }

    /** A notify that pushes its payload on a route in the dictionary and on one that is not. */
    public void pushboth(byte[] payload) {
        session.push("onMessage", payload);
        session.push("onOther", payload);
    }
}
