package io.pitaya.examples.libpitaya.protobuf;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * libpitaya's protobuf test server ({@code pitaya-servers/protobuf-server}): the {@code connector} service with
 * the messages of {@code libpitaya_servers.proto}. Runs with {@code pitaya.serializertype=2}.
 */
@Handler("connector")
public class ProtobufConnector {

    static final String SESSION_DATA = "THIS IS THE SESSION DATA";

    @Inject
    Session session;

    public SessionData getsessiondata() {
        return SessionData.newBuilder().setData(SESSION_DATA).build();
    }

    public BigMessage getbigmessage() {
        return BigMessages.sample();
    }

    /** Keeps the received text in the session, as the Go server keeps the message under {@code "data"}. */
    public Response setsessiondata(SessionData data) {
        try {
            session.set("data", data.getData());
        } catch (RuntimeException e) {
            throw new PitayaException("CN-000", e.getMessage(), Map.of("failed", "set data"), e);
        }
        return Response.newBuilder().setCode(200).setMsg("success").build();
    }

    /** A notify: answers with a push of the session data. */
    public void notifysessiondata(SessionData ignored) {
        session.push("some.push.route", SessionData.newBuilder().setData(SESSION_DATA).build());
    }
}
