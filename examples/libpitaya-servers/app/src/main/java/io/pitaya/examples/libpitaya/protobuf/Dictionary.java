package io.pitaya.examples.libpitaya.protobuf;

import io.pitaya.protocol.message.RouteDictionary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/** The protobuf test server's route dictionary. */
@ApplicationScoped
class Dictionary {

    @Produces
    RouteDictionary routes() {
        return RouteDictionary.of(Map.of("connector.getsessiondata", 1, "connector.setsessiondata", 2));
    }
}
