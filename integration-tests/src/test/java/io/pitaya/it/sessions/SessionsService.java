package io.pitaya.it.sessions;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Handlers exercising sessions, pushes and kicks by uid, groups with TTL and close callbacks (service {@code sessionsvc}). */
@Handler("sessionsvc")
public class SessionsService {

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @Inject
    Groups groups;

    @Inject
    Recorder recorder;

    public Ack bind(byte[] uid) {
        session.bind(new String(uid, StandardCharsets.UTF_8));
        return new Ack("bound " + session.uid());
    }

    public Ack whoami() {
        return new Ack(session.id() + " " + session.uid() + " " + session.getString("ipversion") + " "
                + session.handshake().platform() + " " + session.handshake().user().get("name"));
    }

    public Events events() {
        return new Events(recorder.events());
    }

    public Failed pushtousers(PushToUsers request) {
        return new Failed(sessions.pushToUsers("onPushToUsers", Map.of("msg", request.msg()), request.uids()));
    }

    public Failed kickusers(Uids request) {
        return new Failed(sessions.kickUsers(request.uids()));
    }

    /** Creates a group with a TTL and joins it with this session's uid. */
    public Ack groupcreate(GroupRequest request) {
        if (request.ttlMillis() > 0) {
            groups.createWithTTL(request.name(), Duration.ofMillis(request.ttlMillis()));
        } else {
            groups.create(request.name());
        }
        groups.add(request.name(), session.uid());
        return new Ack("created");
    }

    public GroupState groupstate(GroupRequest request) {
        try {
            return new GroupState(true, groups.members(request.name()));
        } catch (PitayaException e) {
            if ("group not found".equals(e.getMessage())) {
                return new GroupState(false, List.of());
            }
            throw e;
        }
    }

    /** Errors reach the client as Pitaya's: {"code":"PIT-000","msg":"memory group TTL not found"}. */
    public Ack grouprenew(GroupRequest request) {
        groups.renewTTL(request.name());
        return new Ack("renewed");
    }

    public Failed groupbroadcast(GroupRequest request) {
        return new Failed(groups.broadcast(request.name(), "onGroup", Map.of("msg", request.msg())));
    }

    /**
     * From now on the recorder also writes to {@code path} (a side channel that outlives the undeploy), and this
     * session gets a slow close callback, so the test can see shutdown wait for it.
     */
    public Ack recordto(RecordTo request, Session mine) {
        recorder.recordTo(Path.of(request.path()));
        long id = mine.id();
        String uid = mine.uid();
        mine.onClose(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // during close callbacks the injected Session is the closed session, as during its handler calls
            recorder.add("callback " + id + " " + uid + " closed=" + mine.isClosed() + " injected=" + session.id());
        });
        return new Ack("recording");
    }
}
