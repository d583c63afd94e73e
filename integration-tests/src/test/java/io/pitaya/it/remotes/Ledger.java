package io.pitaya.it.remotes;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the remotes added; keeps what the remote hooks saw. */
@ApplicationScoped
public class Ledger {

    private final AtomicInteger total = new AtomicInteger();
    private final List<String> notes = new CopyOnWriteArrayList<>();

    void record(int amount) {
        total.addAndGet(amount);
    }

    public int total() {
        return total.get();
    }

    void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
