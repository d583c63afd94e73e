package io.pitaya.it.sessions;

import java.util.List;

record Uids(List<String> uids) {
}

record PushToUsers(List<String> uids, String msg) {
}

record Failed(List<String> failed) {
}

record GroupRequest(String name, long ttlMillis, String msg) {
}

record GroupState(boolean exists, List<String> members) {
}

record Events(List<String> events) {
}

record Ack(String result) {
}

record RecordTo(String path) {
}
