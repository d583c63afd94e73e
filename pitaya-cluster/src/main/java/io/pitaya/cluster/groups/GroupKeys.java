package io.pitaya.cluster.groups;

import io.etcd.jetcd.ByteSequence;

import java.nio.charset.StandardCharsets;

/**
 * Pitaya's etcd group keys, below the client's namespace (PROTOCOL.md §6): the group {@code groups/<name>} and its
 * members {@code groups/<name>/uids/<uid>}, both with an empty value.
 */
final class GroupKeys {

    static final ByteSequence EMPTY = ByteSequence.EMPTY;

    private GroupKeys() {
    }

    static String group(String name) {
        return "groups/" + name;
    }

    /** The prefix of every member key of the group (also what {@link #uid} strips). */
    static String members(String name) {
        return group(name) + "/uids/";
    }

    static String member(String name, String uid) {
        return members(name) + uid;
    }

    static ByteSequence bytes(String key) {
        return ByteSequence.from(key, StandardCharsets.UTF_8);
    }

    /** The uid in a member key read back from etcd. */
    static String uid(String name, ByteSequence key) {
        return key.toString(StandardCharsets.UTF_8).substring(members(name).length());
    }
}
