package io.pitaya.it.remotes;

import com.google.protobuf.StringValue;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Rpc;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Handlers that call the remotes through the injected Rpc, so a client can see what the calls gave. */
@Handler("rpccaller")
public class RpcCaller {

    @Inject
    Rpc rpc;

    @Inject
    Ledger ledger;

    public Map<String, Object> add(Scores.Sum sum) {
        Scores.Total total = rpc.call("connector.scores.add", sum, Scores.Total.class);
        return Map.of("total", total.total(), "sameThread", total.thread().equals(Thread.currentThread().getName()),
                "ledger", ledger.total());
    }

    public Map<String, Object> addAsync(Scores.Sum sum) throws Exception {
        Scores.Total total = rpc.withTimeout(Duration.ofSeconds(2))
                .callAsync("connector.scores.add", sum, Scores.Total.class).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return Map.of("total", total.total());
    }

    public Map<String, Object> greet(Map<String, Object> in) {
        return Map.of("msg", rpc.call("connector.scores.greet", StringValue.of(String.valueOf(in.get("name"))),
                StringValue.class).getValue());
    }

    /** The remote's error goes on to the client as it is. */
    public Map<String, Object> fail(Map<String, Object> in) {
        return Map.of("never", rpc.call("connector.scores.fail", new Scores.Sum(0, 0), Scores.Total.class));
    }

    /** What the remote hooks noted so far, and what a before hook's refusal gives the caller. */
    public Map<String, Object> audit(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            rpc.call("connector.scores.add", new Scores.Sum(-1, 0), Scores.Total.class);
        } catch (PitayaException e) {
            out.put("refused", e.code() + " " + e.getMessage());
        }
        out.put("notes", ledger.notes());
        return out;
    }

    /** What a call for a type this standalone server is not answers. */
    public Map<String, Object> otherType(Map<String, Object> in) {
        try {
            rpc.call("chat.room.say", "hi", String.class);
            return Map.of("error", "none");
        } catch (PitayaException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", e.code());
            out.put("msg", e.getMessage());
            out.put("metadata", e.metadata());
            return out;
        }
    }
}
