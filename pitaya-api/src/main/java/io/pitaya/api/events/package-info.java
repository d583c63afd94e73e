/**
 * CDI events the core fires about sessions. Observe them in any bean of your application:
 *
 * <pre>{@code
 * void onBinding(@Observes SessionBinding e) { if (banned(e.uid())) throw new PitayaException("RH-403", "banned"); }
 * void onBound(@Observes SessionBound e)     { log.info(e.uid() + " logged in"); }
 * void onClosed(@Observes SessionClosed e)   { groups.remove("room", e.uid()); }
 * }</pre>
 *
 * Observers are synchronous ({@code @Observes}; {@code @ObservesAsync} observers are not notified). The session is
 * in the event. Bind events are fired on the thread that called {@code bind} (usually inside a handler call, so the
 * injected {@link io.pitaya.api.Session} is the binding session); close events run on the managed executor in a
 * request context of their own, in which the injected {@code Session} is the closed session.
 */
package io.pitaya.api.events;
