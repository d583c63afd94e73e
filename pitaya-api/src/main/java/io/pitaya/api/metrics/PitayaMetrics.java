package io.pitaya.api.metrics;

/**
 * Pitaya's metric names and tag keys, as a {@link Reporter} receives them (PROTOCOL.md, "Metrics emitted").
 */
public final class PitayaMetrics {

    /** Nanoseconds from a client message's arrival to its answer; tags route, status, type, code. */
    public static final String RESPONSE_TIME = "response_time_ns";
    /** Nanoseconds a client message waited before its handler (or forwarding) began; tags route, type. */
    public static final String HANDLER_DELAY = "handler_delay_ns";
    /** Clients connected to this server. */
    public static final String CONNECTED_CLIENTS = "connected_clients";
    /** Servers of each type the cluster knows (cluster mode); tag type. */
    public static final String COUNT_SERVERS = "count_servers";
    /** Free slots of a bounded queue when something is put on it; tag channel. */
    public static final String CHANNEL_CAPACITY = "channel_capacity";
    /** Messages the RPC server's subscription dropped (cluster mode). */
    public static final String DROPPED_MESSAGES = "dropped_messages";
    /** Packets dropped by rate limiting. */
    public static final String EXCEEDED_RATE_LIMITING = "exceeded_rate_limiting";

    public static final String TAG_ROUTE = "route";
    public static final String TAG_STATUS = "status";
    public static final String TAG_TYPE = "type";
    public static final String TAG_CODE = "code";
    public static final String TAG_CHANNEL = "channel";

    public static final String STATUS_OK = "ok";
    public static final String STATUS_FAILED = "failed";
    /** {@link #RESPONSE_TIME} of a client message, handled here or forwarded. */
    public static final String TYPE_HANDLER = "handler";
    /** {@link #RESPONSE_TIME} of an RPC this server made (cluster mode). */
    public static final String TYPE_RPC = "rpc";
    /** {@link #HANDLER_DELAY} of a message handled on this server. */
    public static final String TYPE_LOCAL = "local";
    /** {@link #HANDLER_DELAY} of a message forwarded to another server. */
    public static final String TYPE_REMOTE = "remote";
    /** {@link #CHANNEL_CAPACITY} of a connection's outbound queue ({@code pitaya.buffer.agent.messages}). */
    public static final String CHANNEL_AGENT_SEND = "agent_chsend";

    private PitayaMetrics() {
    }
}
