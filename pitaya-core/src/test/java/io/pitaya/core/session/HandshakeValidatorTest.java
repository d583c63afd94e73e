package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.Registration;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Handshake validators (PROTOCOL.md §3): all run, the first failure answers 400 and closes. */
class HandshakeValidatorTest {

    /** Pitaya's 400 handshake response for the defaults (json, 30 s, empty dict), uncompressed. */
    private static final String REJECTED_HEX = "01000041" + Hex.hex(Hex.utf8(
            "{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}"));

    private final TestServer server = TestServer.start();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionPool sessions() {
        return server.sessions();
    }

    @Test
    void aRejectingValidatorAnswers400ThenCloses() {
        sessions().addHandshakeValidator("version", (session, handshake) -> {
            if (!"9.9".equals(handshake.clientVersion())) {
                throw new IllegalArgumentException("client too old: " + handshake.clientVersion());
            }
        });
        TestClient client = server.connect();
        List<String> logged = captureLog(() -> client.handshake());

        assertThat(Hex.hex(client.nextFrame())).isEqualTo(REJECTED_HEX);
        client.connection().awaitClosed();
        assertThat(client.agent().closeReason())
                .isEqualTo("handshake rejected: failed to run 'version' validator: client too old: 2.1. SessionId=" + client.id());
        assertThat(logged).contains("failed to run 'version' validator: client too old: 2.1. SessionId=" + client.id());
        assertThat(sessions().count()).isZero();
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void validatorsRunInOrderAndSeeTheSessionAndTheHandshake() {
        sessions().addHandshakeValidator("first", (session, handshake) ->
                calls.add("first " + session.id() + " " + handshake.platform() + " " + handshake.user().get("age")
                        + " handshake()=" + session.handshake() + " remote=" + session.remoteAddress()));
        sessions().addHandshakeValidator("second", (session, handshake) -> calls.add("second"));
        TestClient client = server.connect();

        client.ready();

        assertThat(calls).containsExactly("first " + client.id() + " mac 30 handshake()=null remote=127.0.0.1:5000", "second");
        assertThat(client.isClosed()).isFalse();
        assertThat(client.session().handshake().platform()).isEqualTo("mac");
    }

    @Test
    void theFirstFailureWinsAndLaterValidatorsDoNotRun() throws Exception {
        sessions().addHandshakeValidator("ok", (s, h) -> calls.add("ok"));
        sessions().addHandshakeValidator("checked", (s, h) -> {
            calls.add("checked");
            throw new Exception("checked exceptions reject too");
        });
        sessions().addHandshakeValidator("never", (s, h) -> calls.add("never"));
        TestClient client = server.connect();

        client.handshake();

        assertThat(Hex.hex(client.nextFrame())).isEqualTo(REJECTED_HEX);
        assertThat(calls).containsExactly("ok", "checked");
        assertThat(client.agent().closeReason()).contains("failed to run 'checked' validator: checked exceptions reject too");
    }

    @Test
    void aNameAddedAgainReplacesTheValidatorAndRemovalWorks() {
        sessions().addHandshakeValidator("v", (s, h) -> {
            throw new IllegalStateException("old");
        });
        Registration current = sessions().addHandshakeValidator("v", (s, h) -> calls.add("new"));
        assertThat(sessions().validators().names()).containsExactly("v");
        server.connect().ready();
        assertThat(calls).containsExactly("new");

        current.remove();
        assertThat(sessions().validators().names()).isEmpty();
        server.connect().ready();
        assertThat(calls).containsExactly("new");
    }

    @Test
    void aDrainingServerRefusesNewConnectionsAndHandshakes() {
        TestClient beforeHandshake = server.connect();
        TestClient working = server.connect().ready();

        sessions().gate().stopAccepting();

        assertThatThrownBy(server::connect).isInstanceOf(IllegalStateException.class).hasMessageContaining("draining");
        beforeHandshake.handshake();
        assertThat(Hex.hex(beforeHandshake.nextFrame())).isEqualTo(REJECTED_HEX);
        beforeHandshake.connection().awaitClosed();
        working.request(1, "missing.route", "{}"); // the sessions already working carry on
        assertThat(working.nextPacket().type()).isEqualTo(PacketType.DATA);
        assertThat(working.isClosed()).isFalse();
    }

    @Test
    void theValidatorRejectionNamesTheValidator() {
        HandshakeValidators validators = new HandshakeValidators();
        validators.add("named", (s, h) -> {
            throw new IllegalStateException("nope");
        });
        LinkedSession session = server.connect().session();
        assertThatThrownBy(() -> validators.validate(session, new Handshake(Map.of("platform", "p", "libVersion", "1", "clientBuildNumber", "1", "clientVersion", "1"), null)))
                .isInstanceOf(HandshakeValidators.Rejected.class)
                .satisfies(e -> assertThat(((HandshakeValidators.Rejected) e).validator()).isEqualTo("named"))
                .hasMessage("failed to run 'named' validator: nope. SessionId=" + session.id())
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    private static List<String> captureLog(Runnable action) {
        Logger logger = Logger.getLogger(HandshakeValidators.class.getName());
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
            logger.setLevel(before);
        }
        return messages;
    }
}
