package io.pitaya.it.pipeline;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;

/** One per handler call (CDI request): hooks and the handler see the same instance. */
@RequestScoped
public class CallLog {

    private final List<String> entries = new ArrayList<>();

    public void add(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }
}
