package io.pitaya.it.remotes;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the remotes added. */
@ApplicationScoped
public class Ledger {

    private final AtomicInteger total = new AtomicInteger();

    void record(int amount) {
        total.addAndGet(amount);
    }

    public int total() {
        return total.get();
    }
}
