/**
 * The TCP/TLS acceptor engine in plain Java NIO, free of Jakarta APIs so it can be tested without a container.
 *
 * <p>Threading model: one accept loop per listener ({@link io.pitaya.jca.tcp.nio.AcceptLoop}, blocking
 * {@code accept()}) deals accepted sockets round-robin to N selector loops ({@link io.pitaya.jca.tcp.nio.SelectorLoop})
 * shared by all listeners; each socket carries its listener's transport (plain or TLS). A selector loop
 * owns its connections' reads, packet decoding and sink callbacks, finishes writes the socket could not take at
 * once, and sweeps for stalled writes every 200 ms. Writes start on the caller's thread and never block it.
 * All loops are started through a {@link io.pitaya.jca.tcp.nio.LoopRunner}; no thread is created here.
 *
 * <p>Per-connection state is kept minimal (no buffers at rest; read buffers are per selector, TLS output buffers
 * are pooled), so idle connections cost little more than their socket.
 */
package io.pitaya.jca.tcp.nio;
