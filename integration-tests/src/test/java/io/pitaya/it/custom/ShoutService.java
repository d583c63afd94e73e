package io.pitaya.it.custom;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/** Handlers served through the application's serializer. */
@Handler("testsvc")
public class ShoutService {

    @Inject
    Session session;

    @Inject
    Serializer serializer;

    public String shout(String text) {
        return text + "!";
    }

    public String fail() {
        throw new PitayaException("APP-001", "nope");
    }

    public void tell(String text) {
        session.push("onShout", text);
        session.push("onWhisper", text);
    }

    /** {@code @Inject Serializer} is the active one, the application's here. */
    public byte[] serializername() {
        return serializer.name().getBytes(StandardCharsets.UTF_8);
    }
}
