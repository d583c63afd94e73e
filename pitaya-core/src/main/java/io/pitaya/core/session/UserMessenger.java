package io.pitaya.core.session;

/**
 * How pushes and kicks by uid reach users connected to other servers (SPI). Standalone, {@link #LOCAL_ONLY}: this
 * server holds every connection, so a user without a session here is not reachable. In cluster mode the cluster
 * module installs one that publishes to the user's subjects on the frontend type (Pitaya's
 * {@code pitaya/<frontendType>/user/<uid>/push} and {@code /kick}).
 *
 * <p>Methods may be called from any thread and must not block.
 */
public interface UserMessenger {

    /** Standalone: every user is connected here or nowhere. */
    UserMessenger LOCAL_ONLY = new UserMessenger() {
        @Override
        public boolean holdsUsersOf(String frontendType) {
            return true;
        }

        @Override
        public boolean push(String frontendType, String uid, String route, byte[] data) {
            return false;
        }

        @Override
        public boolean kick(String frontendType, String uid) {
            return false;
        }
    };

    /**
     * Whether users bound on frontends of {@code frontendType} may be connected to this server: only then is a
     * session of the uid here used directly (as in Pitaya, where a local session counts only when this server's
     * type is the frontend type asked for).
     */
    boolean holdsUsersOf(String frontendType);

    /**
     * Sends an already serialized push to {@code uid} wherever it is bound on a frontend of {@code frontendType}.
     *
     * @return false when it could not be sent (a user connected nowhere is not known here and is no failure)
     */
    boolean push(String frontendType, String uid, String route, byte[] data);

    /** Kicks {@code uid} wherever it is bound on a frontend of {@code frontendType}; false when it could not be sent. */
    boolean kick(String frontendType, String uid);
}
