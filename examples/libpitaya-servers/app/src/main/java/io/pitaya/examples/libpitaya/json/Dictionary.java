package io.pitaya.examples.libpitaya.json;

import io.pitaya.protocol.message.RouteDictionary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON test server's route dictionary (its {@code pitaya.SetDictionary} call). */
@ApplicationScoped
class Dictionary {

    @Produces
    RouteDictionary routes() {
        Map<String, Integer> routes = new LinkedHashMap<>();
        routes.put("connector.getsessiondata", 1);
        routes.put("connector.setsessiondata", 2);
        routes.put("room.room.getsessiondata", 3);
        routes.put("onMessage", 4);
        routes.put("onMembers", 5);
        routes.put("connector.geterror", 6);
        return RouteDictionary.of(routes);
    }
}
