package io.pitaya.examples.chat;

import java.util.List;

/** The chat's payloads, with the JSON field names of Pitaya's demo. */
record JoinResponse(int code, String result) {
}

record Members(List<String> members) {
}

record NewUser(String content) {
}

record UserMessage(String name, String content) {
}
