package io.pitaya.cluster.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.pitaya.api.PitayaException;
import io.pitaya.cluster.protos.KickAnswer;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.RPCType;
import io.pitaya.cluster.protos.Request;
import io.pitaya.cluster.protos.Response;
import io.pitaya.cluster.protos.Session;
import io.pitaya.cluster.rpc.RequestHandler;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionPool;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Pitaya's sys remotes, which every server answers and frontends act on: the user RPCs a backend sends to the
 * frontend holding a player, by that frontend's id.
 * <ul>
 *   <li>{@code sys.bindsession} ({@code protos.Session{id, uid}}): binds the frontend's session {@code id} as if bound
 *       there (listeners, an older session of the uid closed, push/kick subscriptions, unique session); answers
 *       {@code protos.Response{data: "ack"}};</li>
 *   <li>{@code sys.pushsession} ({@code protos.Session{id, uid, data}}): replaces the session's data with
 *       {@code data} (empty: nothing changes); answers {@code protos.Response{data: "ack"}};</li>
 *   <li>{@code sys.kick} ({@code protos.KickMsg{userId}}): kicks the user's session; answers
 *       {@code protos.KickAnswer{kicked: true}}.</li>
 * </ul>
 * As for any user RPC, the answer is the marshalled message in {@code Response.data}; an unknown session answers
 * PIT-000 "session not found", an argument that does not parse PIT-400. The route may carry a server type
 * ({@code connector.sys.kick}) or not ({@code sys.kick}, as Go sends it). Binds and data changes run on the session's
 * mailbox, in order with its messages (a kick queues its packet at once); other requests go to {@code next}.
 */
public final class SysRemotes implements RequestHandler {

    public static final String BIND_SESSION = "sys.bindsession";
    public static final String PUSH_SESSION = "sys.pushsession";
    public static final String KICK = "sys.kick";

    private static final ByteString ACK = Response.newBuilder()
            .setData(ByteString.copyFrom("ack", StandardCharsets.UTF_8)).build().toByteString();

    private final SessionPool sessions;
    private final RequestHandler next;

    /** @param next serves every request that is not a sys remote */
    public SysRemotes(SessionPool sessions, RequestHandler next) {
        this.sessions = sessions;
        this.next = next;
    }

    /** The remote's name ({@code service.method}) without a server type, or null when the route has no such form. */
    static String shortRoute(String route) {
        String[] parts = route.split("\\.", -1);
        return switch (parts.length) {
            case 2 -> route;
            case 3 -> parts[1] + "." + parts[2];
            default -> null;
        };
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        String remote = request.getType() == RPCType.User ? shortRoute(request.getMsg().getRoute()) : null;
        if (remote == null) {
            return next.handle(request);
        }
        ByteString argument = request.getMsg().getData();
        return switch (remote) {
            case BIND_SESSION -> onSession(argument, (session, snapshot) -> session.bind(snapshot.getUid()));
            case PUSH_SESSION -> onSession(argument, (session, snapshot) ->
                    session.replaceData(SessionData.decode(snapshot.getData())));
            case KICK -> kick(argument);
            default -> next.handle(request);
        };
    }

    private interface SessionChange {
        void apply(LinkedSession session, Session snapshot);
    }

    private CompletionStage<Response> onSession(ByteString argument, SessionChange change) {
        Session snapshot = parse(argument, Session::parseFrom);
        LinkedSession session = sessions.local(snapshot.getId()).orElseThrow(SysRemotes::notFound);
        return run(session.mailbox(), () -> {
            change.apply(session, snapshot);
            return ACK;
        });
    }

    private CompletionStage<Response> kick(ByteString argument) {
        KickMsg kick = parse(argument, KickMsg::parseFrom);
        LinkedSession session = sessions.byUid(kick.getUserId()).map(LinkedSession.class::cast)
                .orElseThrow(SysRemotes::notFound);
        session.kick(); // queues the kick packet and the close: does not block
        return CompletableFuture.completedFuture(Response.newBuilder()
                .setData(KickAnswer.newBuilder().setKicked(true).build().toByteString()).build());
    }

    private static CompletionStage<Response> run(Executor executor, Supplier<ByteString> remote) {
        CompletableFuture<Response> response = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    response.complete(Response.newBuilder().setData(remote.get()).build());
                } catch (RuntimeException | Error e) {
                    response.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            response.completeExceptionally(new PitayaException(PitayaException.INTERNAL,
                    "server is shutting down: " + e.getMessage()));
        }
        return response;
    }

    private interface Parser<T extends MessageLite> {
        T parse(ByteString bytes) throws InvalidProtocolBufferException;
    }

    private static <T extends MessageLite> T parse(ByteString bytes, Parser<T> parser) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, e.getMessage());
        }
    }

    /** Go's {@code constants.ErrSessionNotFound}, a plain error: PIT-000. */
    private static PitayaException notFound() {
        return new PitayaException(PitayaException.UNKNOWN, "session not found");
    }
}
