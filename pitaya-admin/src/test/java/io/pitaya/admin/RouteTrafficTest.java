package io.pitaya.admin;

import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Requests per second and p50/p99 per route as the admin page shows them, on a clock the test moves. */
class RouteTrafficTest {

    private final MockClock clock = new MockClock();
    private final RouteTraffic traffic = new RouteTraffic(clock, Duration.ofSeconds(10), 3);

    @AfterEach
    void close() {
        traffic.close();
    }

    private void requests(String route, int count, long millis) {
        for (int i = 0; i < count; i++) {
            traffic.responseTime(route, "handler", null, TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    private RouteTraffic.Row row(String route) {
        return traffic.rows().stream().filter(r -> r.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    void theRateIsTheLastWholeSecondsRequestsAndErrors() {
        requests("chat.room.join", 40, 2);
        traffic.responseTime("chat.room.join", "handler", "PIT-500", TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(row("chat.room.join").rate()).as("the second is not over").isZero();

        clock.add(Duration.ofSeconds(1));
        assertThat(row("chat.room.join").rate()).isEqualTo(41);
        assertThat(row("chat.room.join").errors()).isEqualTo(1);

        clock.add(Duration.ofSeconds(1));
        assertThat(row("chat.room.join").rate()).as("a quiet second").isZero();
        assertThat(row("chat.room.join").errors()).isZero();
    }

    @Test
    void p50AndP99ComeFromTheRecentWindowOnly() {
        requests("chat.room.message", 98, 1);
        requests("chat.room.message", 2, 100);
        clock.add(Duration.ofSeconds(1));

        RouteTraffic.Row row = row("chat.room.message");
        assertThat(row.p50()).isCloseTo(1.0, within(0.05));
        assertThat(row.p99()).isCloseTo(100.0, within(5.0));

        clock.add(Duration.ofSeconds(11));
        row = row("chat.room.message");
        assertThat(row.p50()).as("older than the window: forgotten").isNull();
        assertThat(row.p99()).isNull();
        assertThat(row.rate()).isZero();

        requests("chat.room.message", 10, 5);
        clock.add(Duration.ofSeconds(1));
        assertThat(row("chat.room.message").p99()).isCloseTo(5.0, within(0.25));
    }

    @Test
    void clientRoutesComeFirstByNameAndRpcsAfter() {
        requests("chat.room.message", 1, 1);
        requests("chat.room.join", 1, 1);
        traffic.responseTime("room.ranking.best", "rpc", null, 1_000);

        assertThat(traffic.rows()).extracting(RouteTraffic.Row::route, RouteTraffic.Row::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("chat.room.join", "handler"),
                org.assertj.core.groups.Tuple.tuple("chat.room.message", "handler"),
                org.assertj.core.groups.Tuple.tuple("room.ranking.best", "rpc"));
    }

    @Test
    void routesBeyondTheLimitShareOther() {
        requests("a.b.one", 1, 1);
        requests("a.b.two", 1, 1);
        requests("a.b.three", 1, 1);
        requests("a.b.four", 1, 1);
        requests("a.b.five", 2, 1);
        clock.add(Duration.ofSeconds(1));

        assertThat(traffic.rows()).extracting(RouteTraffic.Row::route)
                .containsExactly(RouteTraffic.OTHER_ROUTE, "a.b.one", "a.b.three", "a.b.two");
        assertThat(row(RouteTraffic.OTHER_ROUTE).rate()).isEqualTo(3);
    }
}
