package io.pitaya.examples.libpitaya.json;

import io.pitaya.api.Handler;
import io.pitaya.api.Handshake;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * libpitaya's JSON test server ({@code pitaya-servers/json-server}): the {@code connector} service, route for
 * route. Messages mirror the Go structs, whose JSON field names are the Go field names ({@code Data},
 * {@code Code}, {@code Msg}).
 */
@Handler("connector")
public class Connector {

    @Inject
    Session session;

    /** The client's handshake as Go's {@code session.HandshakeData} prints it. */
    public HandshakeData gethandshakedata() {
        Handshake handshake = session.handshake();
        return new HandshakeData(
                new HandshakeData.Sys(handshake.platform(), handshake.libVersion(), handshake.clientBuildNumber(),
                        handshake.clientVersion()),
                handshake.user());
    }

    public SessionData getsessiondata() {
        return new SessionData(session.data());
    }

    /** Replaces the session data, as Go's {@code session.SetData} does. */
    public Response setsessiondata(SessionData data) {
        try {
            session.clear();
            if (data.data() != null) {
                data.data().forEach(session::set);
            }
        } catch (RuntimeException e) {
            throw new PitayaException("CN-000", e.getMessage(), Map.of("failed", "set data"), e);
        }
        return new Response(200, "success");
    }

    public Response sendpush() {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("key1", 10);
        push.put("key2", true);
        session.push("some.push.route", push);
        return new Response(200, "Ok");
    }

    /** A plain exception: the client receives {@code PIT-000} with this message. */
    public Response geterror() {
        throw new IllegalStateException("GetError is returning a custom error");
    }
}
