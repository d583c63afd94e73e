package io.pitaya.examples.cluster.room;

import java.util.List;

/** The chat's payloads, with the JSON field names of Pitaya's demo chat. */
record JoinRequest(String name) {
}

/** Pitaya's demo answer plus the connector holding the player and its player count (null and 0 when unknown). */
record JoinResponse(int code, String result, String connector, long players) {
}

/** The connector's remote's answer ({@code connector.roster.info}). */
record ConnectorInfo(String server, long players) {
}

record Members(List<String> members) {
}

record NewUser(String content) {
}

record UserMessage(String name, String content) {
}
