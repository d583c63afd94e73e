package io.pitaya.client.load;

import java.util.Locale;

/** What every connection of a run does once its Pitaya handshake is done. */
public enum Scenario {
    /** Closed loop: send a request, on its response send the next; latency is send → response. */
    REQUEST,
    /** Only heartbeats: measures how many connections the server holds, and what they cost. */
    IDLE,
    /** Chat room: every connection joins, some send messages paced by their own echo; pushes are counted. */
    FANOUT;

    static Scenario parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario " + s + " (request, idle, fanout)");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
