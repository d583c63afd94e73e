package io.pitaya.cluster.groups;

import io.etcd.jetcd.ByteSequence;

import java.nio.charset.StandardCharsets;

/**
 * Pitaya's etcd group keys, below the client's namespace (PROTOCOL.md §6): the group {@code groups/<name>} and its
 * members {@code groups/<name>/uids/<uid>}, both with an empty value.
 */
final class GroupKeys {

    static final ByteSequence EMPTY = ByteSequence.EMPTY;
    /** The prefix of every group and member key. */
    static final String ALL = "groups/";
    private static final String UIDS = "/uids/";

    private GroupKeys() {
    }

    static String group(String name) {
        return ALL + name;
    }

    /** The prefix of every member key of the group (also what {@link #uid} strips). */
    static String members(String name) {
        return group(name) + UIDS;
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

    /** A key read back from etcd without {@link #ALL}: a group's name, or {@code <name>/uids/<uid>} for a member. */
    static String name(ByteSequence key) {
        return key.toString(StandardCharsets.UTF_8).substring(ALL.length());
    }

    /**
     * The group a {@link #name} is a member key of: the shortest {@code g} with {@code name = g/uids/uid} that is
     * itself a group; null when the name is a group's (group names may hold {@code /uids/} too).
     */
    static String groupOfMember(String name, java.util.Set<String> names) {
        for (int at = name.indexOf(UIDS); at > 0; at = name.indexOf(UIDS, at + 1)) {
            String group = name.substring(0, at);
            if (names.contains(group)) {
                return group;
            }
        }
        return null;
    }
}
