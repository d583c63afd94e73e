package io.pitaya.it.custom;

import io.pitaya.protocol.message.RouteDictionary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/** The application's route dictionary as a CDI producer (no pitaya.handler.dictionary in this deployment). */
@ApplicationScoped
public class RouteDictionaryProducer {

    @Produces
    RouteDictionary dictionary() {
        return RouteDictionary.of(Map.of("testsvc.shout", 7, "onShout", 8));
    }
}
