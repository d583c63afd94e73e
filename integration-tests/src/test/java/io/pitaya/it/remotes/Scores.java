package io.pitaya.it.remotes;

import com.google.protobuf.StringValue;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import jakarta.inject.Inject;

import java.util.Map;

/** Remotes of the test application: reachable through Rpc, not by clients. */
@Remote
public class Scores {

    public record Sum(int a, int b) {
    }

    public record Total(int total, String thread) {
    }

    /** A CDI bean injected into a remote bean, to show the remote runs as a bean. */
    @Inject
    Ledger ledger;

    public Total add(Sum sum) {
        ledger.record(sum.a() + sum.b());
        return new Total(sum.a() + sum.b(), Thread.currentThread().getName());
    }

    public StringValue greet(StringValue name) {
        return StringValue.of("hello " + name.getValue());
    }

    public Total fail(Sum sum) {
        throw new PitayaException("GAME-42", "table is full", Map.of("table", "t1"));
    }
}
