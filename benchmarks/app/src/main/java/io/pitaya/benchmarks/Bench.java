package io.pitaya.benchmarks;

import io.pitaya.api.Handler;

/**
 * The benchmark's handlers: as little work as a handler can do, so a run measures the framework's path
 * (acceptor, agent, dispatch, serializer) and not the application.
 */
@Handler("bench")
public class Bench {

    /** Route {@code bench.ping}: raw bytes in, the same bytes out (no serializer). */
    public byte[] ping(byte[] in) {
        return in;
    }

    /** Route {@code bench.json}: a JSON object in, a JSON object out (serializer both ways). */
    public Pong json(Ping ping) {
        return new Pong(0, ping == null ? null : ping.msg());
    }

    /** {@code {"msg":"..."}} */
    public record Ping(String msg) {
    }

    /** {@code {"code":0,"msg":"..."}} */
    public record Pong(int code, String msg) {
    }
}
