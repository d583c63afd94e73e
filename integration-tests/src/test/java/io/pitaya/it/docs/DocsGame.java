package io.pitaya.it.docs;

import com.google.protobuf.Timestamp;
import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.api.docs.Documentation;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * The documentation test app (service {@code game}, server type {@code connector}, protobuf serializer, built-in
 * docs routes on): what pitaya-cli in protobuf mode talks to.
 */
@Handler("game")
public class DocsGame {

    @Inject
    Documentation documentation;

    /** A request with messages in and out. */
    public JoinResponse join(JoinRequest in) {
        long total = in.getLevel();
        for (long v : in.getStatsMap().values()) {
            total += v;
        }
        return JoinResponse.newBuilder()
                .setCode(200)
                .setGreeting("hello " + in.getName())
                .setSpawn(in.getSpawn())
                .addAllTags(in.getTagsList())
                .setTeam(in.getTeam())
                .setJoinedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
                .setTotal(total)
                .build();
    }

    /** A notify. */
    public void leave(Session session, JoinRequest in) {
    }

    /** Raw bytes: the injected {@link Documentation}'s JSON without type names, for the test to compare. */
    public byte[] plaindocs() {
        return documentation.documentationJson(false).getBytes(StandardCharsets.UTF_8);
    }
}
