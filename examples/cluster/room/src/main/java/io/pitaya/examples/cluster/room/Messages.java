package io.pitaya.examples.cluster.room;

import java.util.List;

/** The chat's payloads, with the JSON field names of Pitaya's demo chat. */
record JoinRequest(String name) {
}

record JoinResponse(int code, String result) {
}

record Members(List<String> members) {
}

record NewUser(String content) {
}

record UserMessage(String name, String content) {
}
