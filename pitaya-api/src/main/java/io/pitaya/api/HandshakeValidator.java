package io.pitaya.api;

/**
 * Accepts or rejects a client's handshake: throw to reject it. The client then gets Pitaya's {@code code 400}
 * handshake response and the connection closes; the server logs
 * {@code failed to run '<name>' validator: <message>. SessionId=<id>}.
 *
 * <p>Make it a CDI bean (e.g. {@code @ApplicationScoped}) in your application jar and it is used on every
 * handshake, ordered by {@link jakarta.annotation.Priority @Priority} (lower first; none counts as
 * {@code 2500}, like CDI observers) then class name; its name is its {@link jakarta.inject.Named @Named} value or
 * its class name. Or register one with {@link Sessions#addHandshakeValidator(String, HandshakeValidator)}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class MinimumClientVersion implements HandshakeValidator {
 *     public void validate(Session session, Handshake handshake) {
 *         if (!"2.1".equals(handshake.clientVersion())) {
 *             throw new IllegalArgumentException("client too old: " + handshake.clientVersion());
 *         }
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HandshakeValidator {

    /**
     * @param session   the session of the connection (not bound yet; {@link Session#handshake()} is still null:
     *                  the handshake being checked is {@code handshake})
     * @param handshake what the client sent: {@code sys} (platform, versions) and {@code user}
     * @throws Exception to reject the handshake
     */
    void validate(Session session, Handshake handshake) throws Exception;
}
