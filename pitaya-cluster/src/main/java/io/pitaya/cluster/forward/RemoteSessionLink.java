package io.pitaya.cluster.forward;

import com.google.protobuf.ByteString;
import io.pitaya.api.Handshake;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.session.FrontendRpc;
import io.pitaya.core.session.SessionLink;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A backend's way to the player of a forwarded message, as Pitaya's remote agent: pushes go to the user's subject on
 * the frontend type ({@code pitaya/<frontendType>/user/<uid>/push}); a bind, a data push and a kick are RPCs to the
 * frontend that holds the player ({@code sys.bindsession}, {@code sys.pushsession}, {@code sys.kick}), waited for
 * (a close's kick is not). An unbound player cannot be pushed to or kicked this way (Pitaya refuses too). The reply
 * to the message itself goes back as the RPC response, not here.
 */
final class RemoteSessionLink implements SessionLink {

    private static final Logger LOG = Logger.getLogger(RemoteSessionLink.class.getName());
    static final String NO_UID_BOUND = "you have to bind an UID to the session to do that";

    private final FrontendRpc frontend;
    private final String frontendId;
    private final long sessionId;
    private final String frontendType;
    private final Supplier<String> uid;
    private final Supplier<Optional<Duration>> callerTimeout;

    /**
     * @param uid    the session's uid now (it changes when the backend binds)
     * @param callerTimeout the {@code reqTimeout} of the forwarded request being handled, which bounds the calls;
     *                      read only when a call needs it
     */
    RemoteSessionLink(FrontendRpc frontend, String frontendId, long sessionId, Supplier<String> uid,
                      Supplier<Optional<Duration>> callerTimeout) {
        this.frontend = frontend;
        this.callerTimeout = callerTimeout;
        this.frontendId = frontendId;
        this.sessionId = sessionId;
        this.frontendType = frontend.frontendType(frontendId).orElse("");
        this.uid = uid;
    }

    @Override
    public boolean respond(long requestId, byte[] data, boolean error) {
        return false; // the dispatcher's Reply is the RPC response
    }

    @Override
    public boolean push(String route, byte[] data) {
        String user = uid.get();
        if (user == null || frontendType.isEmpty()) {
            return false;
        }
        try {
            frontend.client().sendPush(frontendType, Push.newBuilder().setRoute(route).setUid(user)
                    .setData(ByteString.copyFrom(data)).build());
            return true;
        } catch (PitayaException e) {
            LOG.log(Level.FINE, "push to " + user + " not sent", e);
            return false;
        }
    }

    /** Not waited for: a backend's {@code close()} kicks this way (failures are logged at FINE). */
    @Override
    public void kick() {
        String user = uid.get();
        if (user == null) {
            LOG.fine(() -> "kick of unbound session " + sessionId + " of " + frontendId + " not sent: no uid bound");
            return;
        }
        frontend.kickAsync(frontendId, user, callerTimeout.get()).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.log(Level.FINE, "sys.kick of " + user + " on " + frontendId + " failed", failure);
            }
        });
    }

    /** A backend's {@code session.kick()}: Go's remote agent's {@code Kick}, which returns the call's error. */
    @Override
    public void kickRemotely() {
        String user = uid.get();
        if (user == null) {
            throw new PitayaException(PitayaException.UNKNOWN, NO_UID_BOUND); // Go's constants.ErrNoUIDBind
        }
        frontend.kick(frontendId, user, callerTimeout.get());
    }

    @Override
    public void close(String reason) {
        kick(); // a backend closes a player the only way it can reach it
    }

    @Override
    public String remoteAddress() {
        return "";
    }

    @Override
    public Handshake handshake() {
        return null;
    }

    @Override
    public String closeReason() {
        return null;
    }

    @Override
    public void bindRemotely(String uid) {
        frontend.bind(frontendId, sessionId, uid, callerTimeout.get());
    }

    @Override
    public void pushToFront(Map<String, Object> data) {
        frontend.pushSession(frontendId, sessionId, uid.get(), data, callerTimeout.get());
    }
}
