package io.pitaya.core.cdi;

import io.pitaya.api.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentSessionProxyTest {

    private final Session injected = CurrentSessionProxy.create();

    private static Session session(String uid) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "uid" -> uid;
                    case "get" -> {
                        if ("boom".equals(args[0])) {
                            throw new IllegalArgumentException("no such key");
                        }
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void speaksForTheSessionOfTheCallingThreadsWork() {
        Session previous = CurrentSession.enter(session("alice"));
        try {
            assertThat(injected.uid()).isEqualTo("alice");
            Session inner = CurrentSession.enter(session("bob"));
            assertThat(injected.uid()).isEqualTo("bob");
            CurrentSession.restore(inner);
            assertThat(injected.uid()).isEqualTo("alice");
        } finally {
            CurrentSession.restore(previous);
        }
        assertThat(CurrentSession.get()).isNull();
    }

    @Test
    void outsideAnySessionsWorkItSaysSo() {
        assertThatThrownBy(injected::uid)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Pitaya session here");
        assertThat(injected.toString()).contains("none");
        assertThat(injected).isEqualTo(injected);
    }

    @Test
    void theSessionsOwnExceptionsPassUnwrapped() {
        Session previous = CurrentSession.enter(session("alice"));
        try {
            assertThatThrownBy(() -> injected.get("boom"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no such key");
        } finally {
            CurrentSession.restore(previous);
        }
    }

    @Test
    void otherThreadsDoNotSeeTheSession() throws Exception {
        Session previous = CurrentSession.enter(session("alice"));
        try {
            Session[] seen = new Session[1];
            Thread other = new Thread(() -> seen[0] = CurrentSession.get());
            other.start();
            other.join();
            assertThat(seen[0]).isNull();
        } finally {
            CurrentSession.restore(previous);
        }
    }
}
