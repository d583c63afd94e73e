package io.pitaya.cluster.it.probe;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Rpc;
import io.pitaya.api.Session;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Routes the tests add to room.ear (service {@code probe}, so {@code room.probe.*} from a connector): they show
 * which server answered and with what session, and let a test hold a request on the backend or see a remote error.
 */
@Handler("probe")
public class Probe {

    @Inject
    Rpc rpc;

    /**
     * Route {@code room.probe.connector}: the example connector's remote {@code connector.roster.info}, called on the
     * connector whose id the session data carries (put there at the handshake).
     */
    public Map<?, ?> connector(Session session) {
        return rpc.callTo(session.getString("connector"), "connector.roster.info", null, Map.class);
    }

    /** Route {@code room.probe.where}: this server's id and the session it was given. */
    public Where where(Session session) {
        return new Where(ConfigProvider.getConfig().getValue("pitaya.server.id", String.class), session.id(),
                session.uid() == null ? "" : session.uid());
    }

    /** Route {@code room.probe.echo}: the bytes it got. */
    public byte[] echo(byte[] in) {
        return in;
    }

    /** Route {@code room.probe.slow}: answers "done" after the milliseconds it is sent. */
    public byte[] slow(byte[] millis) throws InterruptedException {
        Thread.sleep(Long.parseLong(new String(millis, StandardCharsets.US_ASCII).trim()));
        return "done".getBytes(StandardCharsets.US_ASCII);
    }

    /** Route {@code room.probe.fail}: an application error with its own code and metadata. */
    public byte[] fail(byte[] ignored) {
        throw new PitayaException("RH-042", "refused by the room", Map.of("reason", "probe"));
    }

    public record Where(String server, long sessionId, String uid) {
    }
}
