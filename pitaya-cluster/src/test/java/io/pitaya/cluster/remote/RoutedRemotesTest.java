package io.pitaya.cluster.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.api.Rpc;
import io.pitaya.api.Session;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.api.cluster.ServerRouter;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.core.router.ServerRouters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Remote calls through a router of the callee's type, on real etcd and nats-server: a lobby's calls to "game" go to
 * the game server whose metadata {@code region} is the argument; calls to an id skip the router.
 */
class RoutedRemotesTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    @Remote("game")
    public static class Game {
        private final String region;

        Game(String region) {
            this.region = region;
        }

        public String whoami(String askedFor) {
            return region;
        }
    }

    /** The game server of the region the argument (a JSON string) names; no session for remote calls. */
    static final class ByRegion implements ServerRouter {
        @Override
        public String serverType() {
            return "game";
        }

        @Override
        public ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers) {
            if (session.isPresent()) {
                throw new IllegalStateException("a remote call has no session");
            }
            String region = new String(payload, StandardCharsets.UTF_8).replace("\"", "");
            return servers.stream().filter(s -> region.equals(s.metadata().get("region"))).findFirst()
                    .orElseThrow(() -> new PitayaException("GAME-404", "no game server in " + region,
                            Map.of("route", route)));
        }
    }

    private RemoteNodes nodes;
    private RemoteNodes.Node us;
    private Rpc rpc;

    @BeforeEach
    void startServers() {
        nodes = new RemoteNodes(ETCD, NATS);
        nodes.start("game", false, Map.of(ClusterSettings.METADATA, "region=eu"), ServerRouters.NONE, new Game("eu"));
        us = nodes.start("game", false, Map.of(ClusterSettings.METADATA, "region=us"), ServerRouters.NONE,
                new Game("us"));
        rpc = nodes.start("lobby", true, Map.of(), ServerRouters.of(new ByRegion())).rpc();
    }

    @AfterEach
    void stopServers() throws Exception {
        nodes.close();
    }

    @Test
    void everyCallGoesToTheServerTheRouterChoosesByMetadata() {
        for (int i = 0; i < 10; i++) {
            assertThat(rpc.call("game.game.whoami", "us", String.class)).isEqualTo("us");
            assertThat(rpc.call("game.game.whoami", "eu", String.class)).isEqualTo("eu");
        }
    }

    @Test
    void aRouterErrorFailsTheCallWithItsCode() {
        assertThatThrownBy(() -> rpc.call("game.game.whoami", "mars", String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("GAME-404");
                    assertThat(e.getMessage()).isEqualTo("no game server in mars");
                    assertThat(e.metadata()).isEqualTo(Map.of("route", "game.game.whoami"));
                });
    }

    @Test
    void aCallToAServerIdSkipsTheRouter() {
        assertThat(rpc.callTo(us.id(), "game.game.whoami", "mars", String.class)).isEqualTo("us");
    }
}
