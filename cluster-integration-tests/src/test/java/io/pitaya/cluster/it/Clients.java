package io.pitaya.cluster.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Players as the tests see them: connected Java clients and blocking requests. */
final class Clients {

    private Clients() {
    }

    static PitayaClient connect(String url) {
        PitayaClient client = PitayaClient.builder().requestTimeout(Duration.ofSeconds(15)).build();
        client.connect(url);
        return client;
    }

    static Response request(PitayaClient client, String route, String body) throws Exception {
        return client.request(route, body.getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
    }

    /** Repeats the request until it is answered without error or the time is up; the last response. */
    static Response requestUntilOk(PitayaClient client, String route, String body, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Response response = request(client, route, body);
        while (response.isError() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = request(client, route, body);
        }
        return response;
    }
}
