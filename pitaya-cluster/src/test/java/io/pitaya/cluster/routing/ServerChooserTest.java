package io.pitaya.cluster.routing;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.api.cluster.ServerRouter;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.router.ServerRouters;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerChooserTest {

    private static final ServerDescriptor B = new ServerDescriptor("room-b", "room", Map.of("zone", "us"), false, "h2");
    private static final ServerDescriptor A = new ServerDescriptor("room-a", "room", Map.of("zone", "eu"), false, "h1");

    /** A router of "room" that records what it was given and answers what {@code answer} says. */
    private static final class Recording implements ServerRouter {
        final List<Object> seen = new ArrayList<>();
        final java.util.function.Function<List<ClusterServer>, ClusterServer> answer;

        Recording(java.util.function.Function<List<ClusterServer>, ClusterServer> answer) {
            this.answer = answer;
        }

        @Override
        public String serverType() {
            return "room";
        }

        @Override
        public ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers) {
            seen.addAll(List.of(route, session.map(Session::uid).orElse("<none>"), new String(payload), servers));
            return answer.apply(servers);
        }
    }

    private static Session sessionOf(String uid) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> method.getName().equals("uid") ? uid : null);
    }

    @Test
    void withoutRouterAnyServerOfTheTypeMayBeChosen() {
        ServerChooser chooser = new ServerChooser(ServerRouters.NONE);
        Set<String> chosen = new HashSet<>();

        for (int i = 0; i < 200 && chosen.size() < 2; i++) {
            chosen.add(chooser.choose("room", "room.room.join", null, new byte[0], List.of(A, B)).id());
        }

        assertThat(chosen).containsExactlyInAnyOrder("room-a", "room-b");
    }

    @Test
    void theRouterGetsRouteSessionPayloadAndTheServersSortedByIdAndItsChoiceIsUsed() {
        Recording router = new Recording(servers -> servers.get(1));

        ServerDescriptor chosen = new ServerChooser(ServerRouters.of(router))
                .choose("room", "room.room.join", sessionOf("u1"), "{\"n\":1}".getBytes(), List.of(B, A));

        assertThat(chosen).isEqualTo(B);
        assertThat(router.seen).containsExactly("room.room.join", "u1", "{\"n\":1}", List.of(
                new ClusterServer("room-a", "room", Map.of("zone", "eu"), false, "h1"),
                new ClusterServer("room-b", "room", Map.of("zone", "us"), false, "h2")));
    }

    @Test
    void aRemoteCallHasNoSession() {
        Recording router = new Recording(servers -> servers.get(0));

        new ServerChooser(ServerRouters.of(router)).choose("room", "room.room.leave", null, new byte[0], List.of(A));

        assertThat(router.seen.get(1)).isEqualTo("<none>");
    }

    @Test
    void aRouterOfAnotherTypeIsNotAsked() {
        Recording router = new Recording(servers -> {
            throw new AssertionError("asked");
        });

        ServerDescriptor chosen = new ServerChooser(ServerRouters.of(router)).choose("game", "game.g.m", null,
                new byte[0], List.of(new ServerDescriptor("game-1", "game", Map.of(), false, "")));

        assertThat(chosen.id()).isEqualTo("game-1");
    }

    @Test
    void aPitayaErrorOfTheRouterKeepsItsCodeMessageAndMetadata() {
        Recording router = new Recording(servers -> {
            throw new PitayaException("RH-403", "room closed", Map.of("room", "r1"));
        });

        assertThatThrownBy(() -> new ServerChooser(ServerRouters.of(router))
                .choose("room", "room.room.join", sessionOf("u1"), new byte[0], List.of(A, B)))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("RH-403");
                    assertThat(e.getMessage()).isEqualTo("room closed");
                    assertThat(e.metadata()).isEqualTo(Map.of("room", "r1"));
                });
    }

    @Test
    void anyOtherFailureOfTheRouterIsPit500WithItsMessage() {
        Recording router = new Recording(servers -> {
            throw new IllegalStateException("no room for you");
        });

        assertThatThrownBy(() -> new ServerChooser(ServerRouters.of(router))
                .choose("room", "room.room.join", sessionOf("u1"), new byte[0], List.of(A, B)))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("no room for you");
                });
    }

    @Test
    void aChoiceThatIsNotOneOfTheServersIsPit500() {
        Recording stranger = new Recording(servers -> new ClusterServer("room-z", "room", Map.of(), false, ""));
        Recording none = new Recording(servers -> null);

        for (Recording router : List.of(stranger, none)) {
            assertThatThrownBy(() -> new ServerChooser(ServerRouters.of(router))
                    .choose("room", "room.room.join", null, new byte[0], List.of(A, B)))
                    .isInstanceOfSatisfying(PitayaException.class, e -> {
                        assertThat(e.code()).isEqualTo("PIT-500");
                        assertThat(e.getMessage()).isEqualTo("the server router chose no server of this type");
                    });
        }
    }

    @Test
    void noServerOfTheTypeFailsWithoutAskingTheRouter() {
        Recording router = new Recording(servers -> {
            throw new AssertionError("asked");
        });

        assertThatThrownBy(() -> new ServerChooser(ServerRouters.of(router))
                .choose("room", "room.room.join", null, new byte[0], List.of()))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("no servers available of this type");
                    assertThat(e.metadata()).isEqualTo(Map.of("serverType", "room"));
                });
        assertThat(router.seen).isEmpty();
    }
}
