package io.pitaya.core.session;

import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed getters, including numbers as they come back from JSON. */
class SessionDataTest {

    private final TestServer server = TestServer.start();
    private final LinkedSession session = server.connect().ready().session();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stringsAndBooleansAreNotConverted() {
        session.set("name", "ana");
        session.set("vip", true);
        session.set("number", 7);

        assertThat(session.getString("name")).isEqualTo("ana");
        assertThat(session.getString("number")).as("no conversion").isNull();
        assertThat(session.getString("missing")).isNull();
        assertThat(session.getString("missing", "x")).isEqualTo("x");
        assertThat(session.getBoolean("vip")).isTrue();
        assertThat(session.getBoolean("name")).isFalse();
        assertThat(session.getBoolean("missing", true)).isTrue();
        assertThat(session.has("name")).isTrue();
        assertThat(session.has("missing")).isFalse();
    }

    @Test
    void integralNumbersOfAnyTypeAreInts() {
        // what JSON parsers hand back for 7: Integer, Long, Double 7.0, BigDecimal, BigInteger
        Object[] sevens = {7, 7L, (short) 7, (byte) 7, 7.0d, 7.0f, new BigDecimal("7"), new BigDecimal("7.000"), BigInteger.valueOf(7)};
        for (Object seven : sevens) {
            session.set("n", seven);
            assertThat(session.getInt("n")).as("getInt of %s (%s)", seven, seven.getClass().getSimpleName()).isEqualTo(7);
            assertThat(session.getLong("n")).as("getLong of %s", seven).isEqualTo(7L);
            assertThat(session.getDouble("n")).as("getDouble of %s", seven).isEqualTo(7.0);
        }
    }

    @Test
    void fractionsAndOutOfRangeValuesGiveTheDefault() {
        session.set("half", 7.5);
        session.set("big", 1L << 40);
        session.set("huge", new BigInteger("123456789012345678901234567890"));
        session.set("nan", Double.NaN);
        session.set("inf", Double.POSITIVE_INFINITY);
        session.set("text", "7");

        assertThat(session.getInt("half")).isZero();
        assertThat(session.getInt("half", -1)).isEqualTo(-1);
        assertThat(session.getDouble("half")).isEqualTo(7.5);
        assertThat(session.getInt("big", -1)).as("beyond int").isEqualTo(-1);
        assertThat(session.getLong("big")).isEqualTo(1L << 40);
        assertThat(session.getLong("huge", -1)).as("beyond long").isEqualTo(-1);
        assertThat(session.getLong("nan", -1)).isEqualTo(-1);
        assertThat(session.getLong("inf", -1)).isEqualTo(-1);
        assertThat(session.getInt("text")).as("strings are not parsed").isZero();
        assertThat(session.getDouble("text", 1.5)).isEqualTo(1.5);
        assertThat(session.getInt("missing")).isZero();
        assertThat(session.getLong("missing", 3)).isEqualTo(3);
    }

    @Test
    void longLimitsAreExact() {
        session.set("min", (double) Long.MIN_VALUE);
        session.set("max", Long.MAX_VALUE);
        session.set("twoTo63", 0x1p63);

        assertThat(session.getLong("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(session.getLong("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(session.getLong("twoTo63", -1)).isEqualTo(-1);
        assertThat(session.getInt("max", -1)).isEqualTo(-1);
    }

    @Test
    void handshakeDataAndIpVersionAreKept() {
        assertThat(session.handshake().platform()).isEqualTo("mac");
        assertThat(session.handshake().clientVersion()).isEqualTo("2.1");
        assertThat(session.handshake().user()).containsEntry("age", 30);
        assertThat(session.getString("ipversion")).isEqualTo("ipv4");
        LinkedSession v6 = server.connect("[::1]:5000").ready().session();
        assertThat(v6.getString("ipversion")).isEqualTo("ipv6");
    }

    @Test
    void clearKeepsTheUid() {
        session.bind("ana");
        session.set("a", 1);
        session.clear();
        assertThat(session.data()).isEmpty();
        assertThat(session.uid()).isEqualTo("ana");
    }
}
