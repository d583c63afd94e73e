package io.pitaya.core.config;

import io.pitaya.spi.TcpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpAcceptorConfigTest {

    private static List<TcpSettings> listeners(String... keyValues) {
        return TcpAcceptorConfig.listeners(MapConfig.of(keyValues));
    }

    @Test
    void emptyConfigGivesOnePlainListenerWithTheDefaults() {
        List<TcpSettings> all = listeners();

        assertThat(all).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("default");
            assertThat(l.host()).isEqualTo("0.0.0.0");
            assertThat(l.port()).isEqualTo(3250);
            assertThat(l.backlog()).isEqualTo(1024);
            assertThat(l.selectorThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors()));
            assertThat(l.maxConnections()).isZero();
            assertThat(l.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(l.tls()).isNull();
        });
    }

    @Test
    void primaryKeysAreReadAsBefore() {
        TcpSettings l = listeners(
                "pitaya.acceptor.tcp.host", " 127.0.0.1 ",
                "pitaya.acceptor.tcp.port", "4000",
                "pitaya.acceptor.tcp.backlog", "50",
                "pitaya.acceptor.tcp.selectors", "3",
                "pitaya.acceptor.tcp.maxconnections", "100",
                "pitaya.buffer.agent.conntimeout", "2s",
                "pitaya.acceptor.tcp.tls.keystore", "/etc/server.p12",
                "pitaya.acceptor.tcp.tls.keystorepassword", "secret").get(0);

        assertThat(l).isEqualTo(new TcpSettings("default", "127.0.0.1", 4000, 50, 3, 100, Duration.ofSeconds(2),
                new TcpSettings.Tls("/etc/server.p12", "secret", "PKCS12", null, null)));
    }

    @Test
    void disabledMeansNoListenerAtAll() {
        assertThat(listeners(
                "pitaya.acceptor.tcp.enabled", "false",
                "pitaya.acceptor.tcp.listeners", "tls",
                "pitaya.acceptor.tcp.listener.tls.port", "3252")).isEmpty();
    }

    @Test
    void additionalListenerInheritsHostBacklogAndLimitButNotTls() {
        List<TcpSettings> all = listeners(
                "pitaya.acceptor.tcp.host", "10.0.0.1",
                "pitaya.acceptor.tcp.backlog", "64",
                "pitaya.acceptor.tcp.selectors", "2",
                "pitaya.acceptor.tcp.maxconnections", "500",
                "pitaya.acceptor.tcp.tls.cert", "/etc/cert.pem",
                "pitaya.acceptor.tcp.tls.key", "/etc/key.pem",
                "pitaya.acceptor.tcp.listeners", "plain",
                "pitaya.acceptor.tcp.listener.plain.port", "3251");

        assertThat(all).hasSize(2);
        assertThat(all.get(0).tls()).isNotNull();
        TcpSettings plain = all.get(1);
        assertThat(plain).isEqualTo(new TcpSettings("plain", "10.0.0.1", 3251, 64, 2, 500, Duration.ofSeconds(10),
                null));
    }

    @Test
    void pitayasTcpAndTlsAcceptorsSideBySide() {
        List<TcpSettings> all = listeners(
                "pitaya.acceptor.tcp.port", "3251",
                "pitaya.acceptor.tcp.listeners", "tls",
                "pitaya.acceptor.tcp.listener.tls.port", "3252",
                "pitaya.acceptor.tcp.listener.tls.tls.cert", "/etc/cert.pem",
                "pitaya.acceptor.tcp.listener.tls.tls.key", "/etc/key.pem");

        assertThat(all).extracting(TcpSettings::name).containsExactly("default", "tls");
        assertThat(all).extracting(TcpSettings::port).containsExactly(3251, 3252);
        assertThat(all.get(0).tls()).isNull();
        assertThat(all.get(1).tls()).isEqualTo(new TcpSettings.Tls(null, "", "PKCS12", "/etc/cert.pem", "/etc/key.pem"));
    }

    @Test
    void everyListenerKeyIsReadAndOverridesThePrimary() {
        List<TcpSettings> all = listeners(
                "pitaya.acceptor.tcp.listeners", " a , b ",
                "pitaya.acceptor.tcp.listener.a.port", "5000",
                "pitaya.acceptor.tcp.listener.a.host", "127.0.0.1",
                "pitaya.acceptor.tcp.listener.a.backlog", "7",
                "pitaya.acceptor.tcp.listener.a.maxconnections", "9",
                "pitaya.acceptor.tcp.listener.a.tls.keystore", "/a.jks",
                "pitaya.acceptor.tcp.listener.a.tls.keystorepassword", "pw",
                "pitaya.acceptor.tcp.listener.a.tls.keystoretype", "JKS",
                "pitaya.acceptor.tcp.listener.b.port", "0");

        assertThat(all).hasSize(3);
        TcpSettings a = all.get(1);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.host()).isEqualTo("127.0.0.1");
        assertThat(a.port()).isEqualTo(5000);
        assertThat(a.backlog()).isEqualTo(7);
        assertThat(a.maxConnections()).isEqualTo(9);
        assertThat(a.tls()).isEqualTo(new TcpSettings.Tls("/a.jks", "pw", "JKS", null, null));
        assertThat(all.get(2).name()).isEqualTo("b");
        assertThat(all.get(2).port()).isZero();
        assertThat(all.get(2).tls()).isNull();
        assertThat(all).allSatisfy(l -> {
            assertThat(l.selectorThreads()).isEqualTo(all.get(0).selectorThreads());
            assertThat(l.writeTimeout()).isEqualTo(all.get(0).writeTimeout());
        });
    }

    @Test
    void missingPortNamesTheKey() {
        assertThatThrownBy(() -> listeners(
                "pitaya.acceptor.tcp.listeners", "tls",
                "pitaya.acceptor.tcp.listener.tls.host", "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pitaya.acceptor.tcp.listener.tls.port is required");
    }

    @Test
    void portOutOfRangeNamesTheKey() {
        assertThatThrownBy(() -> listeners(
                "pitaya.acceptor.tcp.listeners", "x",
                "pitaya.acceptor.tcp.listener.x.port", "70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pitaya.acceptor.tcp.listener.x.port=70000");
        assertThatThrownBy(() -> listeners("pitaya.acceptor.tcp.port", "-1"))
                .hasMessageContaining("pitaya.acceptor.tcp.port=-1");
    }

    @Test
    void incompleteTlsOfAListenerNamesItsKeys() {
        assertThatThrownBy(() -> listeners(
                "pitaya.acceptor.tcp.listeners", "tls",
                "pitaya.acceptor.tcp.listener.tls.port", "3252",
                "pitaya.acceptor.tcp.listener.tls.tls.cert", "/etc/cert.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("pitaya.acceptor.tcp.listener.tls.tls.keystore",
                        "pitaya.acceptor.tcp.listener.tls.tls.key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,,b", "a,", " , "})
    void blankNamesAreRejected(String names) {
        assertThatThrownBy(() -> listeners("pitaya.acceptor.tcp.listeners", names,
                "pitaya.acceptor.tcp.listener.a.port", "1", "pitaya.acceptor.tcp.listener.b.port", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pitaya.acceptor.tcp.listeners has an empty listener name");
    }

    @Test
    void repeatedOrReservedOrOddNamesAreRejected() {
        assertThatThrownBy(() -> listeners("pitaya.acceptor.tcp.listeners", "tls,TLS",
                "pitaya.acceptor.tcp.listener.tls.port", "1", "pitaya.acceptor.tcp.listener.TLS.port", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> listeners("pitaya.acceptor.tcp.listeners", "default",
                "pitaya.acceptor.tcp.listener.default.port", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary");
        assertThatThrownBy(() -> listeners("pitaya.acceptor.tcp.listeners", "a.b",
                "pitaya.acceptor.tcp.listener.a.b.port", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b'");
    }

    @Test
    void twoListenersOnTheSameAddressAreRejected() {
        assertThatThrownBy(() -> listeners(
                "pitaya.acceptor.tcp.listeners", "tls",
                "pitaya.acceptor.tcp.listener.tls.port", "3250"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'default'", "'tls'", "0.0.0.0:3250", "same address",
                        "pitaya.acceptor.tcp.port", "pitaya.acceptor.tcp.listener.tls.port");
        assertThatThrownBy(() -> listeners(
                "pitaya.acceptor.tcp.host", "127.0.0.1",
                "pitaya.acceptor.tcp.listeners", "a,b",
                "pitaya.acceptor.tcp.listener.a.port", "4000",
                "pitaya.acceptor.tcp.listener.b.port", "4000",
                "pitaya.acceptor.tcp.listener.b.host", "0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'a'", "'b'");
    }

    @Test
    void samePortOnDifferentHostsOrPortZeroIsAllowed() {
        assertThat(listeners(
                "pitaya.acceptor.tcp.host", "127.0.0.1",
                "pitaya.acceptor.tcp.listeners", "other,free1,free2",
                "pitaya.acceptor.tcp.listener.other.port", "3250",
                "pitaya.acceptor.tcp.listener.other.host", "10.1.2.3",
                "pitaya.acceptor.tcp.listener.free1.port", "0",
                "pitaya.acceptor.tcp.listener.free2.port", "0")).hasSize(4);
    }

    @Test
    void wildcardOverlapRules() {
        assertThat(TcpAcceptorConfig.hostsOverlap("0.0.0.0", "127.0.0.1")).isTrue();
        assertThat(TcpAcceptorConfig.hostsOverlap("", "127.0.0.1")).isTrue();
        assertThat(TcpAcceptorConfig.hostsOverlap("[::]", "127.0.0.1")).isTrue();
        assertThat(TcpAcceptorConfig.hostsOverlap("::", "::1")).isTrue();
        assertThat(TcpAcceptorConfig.hostsOverlap("LOCALHOST", "localhost")).isTrue();
        assertThat(TcpAcceptorConfig.hostsOverlap("0.0.0.0", "::1")).isFalse();
        assertThat(TcpAcceptorConfig.hostsOverlap("127.0.0.1", "10.0.0.1")).isFalse();
    }
}
