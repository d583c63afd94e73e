package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's live admin page ({@code pitaya.admin.enabled=true}) in headless Chromium while SDK clients over
 * WebSocket and TCP join the chat and send messages: what an operator reads there, and that it moves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Browsers browsers = new Browsers();
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.demoEar();
    }

    @AfterEach
    void close() {
        traffic.shutdownNow();
        browsers.close();
    }

    @Test
    void anOperatorSeesClientsRouteRatesAndLatenciesGroupsAndThisServerLive() throws Exception {
        WebDriver page = browsers.open();
        page.get(Deployments.HTTP + "/pitaya/admin"); // redirected to /pitaya/admin/
        until(page, "the page polls its data", p -> text(p, "#status").startsWith("live"));
        assertThat(text(page, "#clients")).isEqualTo("0");

        try (Clients.Recorded ws = Clients.connect(Deployments.WS); Clients.Recorded tcp = Clients.connect(Deployments.TCP)) {
            ws.client.request("room.join", Map.of()).get(5, TimeUnit.SECONDS);
            tcp.client.request("room.join", Map.of()).get(5, TimeUnit.SECONDS);
            traffic.scheduleAtFixedRate(() -> tcp.client.notify("room.message", Map.of("name", "bob", "content", "hi")),
                    0, 20, TimeUnit.MILLISECONDS);

            until(page, "chat.room.message shows a rate and latencies", p -> number(p, route("chat.room.message") + " .rate") > 0
                    && number(p, route("chat.room.message") + " .p50") > 0);
            assertThat(number(page, route("chat.room.message") + " .p99"))
                    .isGreaterThanOrEqualTo(number(page, route("chat.room.message") + " .p50"));
            assertThat(text(page, route("chat.room.join") + " .type")).isEqualTo("client");
            assertThat(text(page, "#clients")).isEqualTo("2");
            assertThat(text(page, "tr[data-group='room'] .size")).isEqualTo("2");
            List<WebElement> servers = page.findElements(By.cssSelector("#servers tr"));
            assertThat(servers).hasSize(1);
            assertThat(servers.get(0).getAttribute("class")).isEqualTo("self");
            assertThat(servers.get(0).findElement(By.cssSelector(".type")).getText()).isEqualTo("chat");
            assertThat(servers.get(0).findElement(By.cssSelector(".frontend")).getText()).isEqualTo("yes");
            until(page, "the requests chart rises", p -> highest(p, "#rate-chart") < 31);

            traffic.shutdownNow();
            tcp.close();
            until(page, "the client that left and the quiet second show", p -> text(p, "#clients").equals("1")
                    && text(p, "#rate").equals("0") && text(p, "tr[data-group='room'] .size").equals("1"));
            double[] rate = ys(page, "#rate-chart");
            assertThat(rate[rate.length - 1]).as("now: no requests, at the bottom").isEqualTo(31.0);
            assertThat(highest(page, "#rate-chart")).as("the burst stays in the last minute's line").isLessThan(31);
            double[] clients = ys(page, "#clients-chart");
            assertThat(clients[clients.length - 1]).as("one client now, below the peak of two")
                    .isGreaterThan(Arrays.stream(clients).min().orElseThrow());
            assertThat(page.findElements(By.cssSelector(route("chat.room.message") + " .spark polyline"))).hasSize(1);
        }
    }

    private static String route(String route) {
        return "tr[data-route='" + route + "']";
    }

    private static void until(WebDriver page, String what, java.util.function.Predicate<WebDriver> condition) {
        new WebDriverWait(page, WAIT).withMessage(what).ignoring(RuntimeException.class).until(condition::test);
    }

    private static String text(WebDriver page, String css) {
        return page.findElement(By.cssSelector(css)).getText();
    }

    private static double number(WebDriver page, String css) {
        return Double.parseDouble(text(page, css));
    }

    /** The y coordinates of a chart's line, oldest first (31 is zero, smaller is more). */
    private static double[] ys(WebDriver page, String css) {
        String points = page.findElement(By.cssSelector(css + " polyline")).getAttribute("points").trim();
        return Arrays.stream(points.split("\\s+")).mapToDouble(p -> Double.parseDouble(p.split(",")[1])).toArray();
    }

    private static double highest(WebDriver page, String css) {
        return Arrays.stream(ys(page, css)).min().orElse(31);
    }
}
