package io.pitaya.core.router;

import io.pitaya.api.cluster.ServerRouter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerRoutersTest {

    private static ServerRouter routing(String type) {
        return new ServerRouter() {
            @Override
            public String serverType() {
                return type;
            }

            @Override
            public io.pitaya.api.cluster.ClusterServer route(String route, java.util.Optional<io.pitaya.api.Session> s,
                                                             byte[] payload,
                                                             java.util.List<io.pitaya.api.cluster.ClusterServer> servers) {
                return servers.get(0);
            }
        };
    }

    @Test
    void eachRouterIsFoundByItsServerTypeOthersHaveNone() {
        ServerRouter room = routing("room");
        ServerRouter game = routing("game");

        ServerRouters routers = ServerRouters.of(room, game);

        assertThat(routers.forType("room")).containsSame(room);
        assertThat(routers.forType("game")).containsSame(game);
        assertThat(routers.forType("chat")).isEmpty();
        assertThat(ServerRouters.of().isEmpty()).isTrue();
    }

    @Test
    void twoRoutersForOneTypeFailNamingTheType() {
        assertThatThrownBy(() -> ServerRouters.of(routing("room"), routing("room")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two server routers for the server type room");
    }

    @Test
    void aRouterWithoutServerTypeFails() {
        assertThatThrownBy(() -> ServerRouters.of(routing(" ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("names no server type");
    }
}
