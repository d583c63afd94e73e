package io.pitaya.cluster.rpc;

import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;

/** What a frontend does with pushes and kicks other servers send to one of its bound users. */
public interface UserMessageHandler {

    /** Sends {@code push.data} to the user's connection as a push on {@code push.route}. */
    void push(Push push);

    /** Kicks the user; true when a session was kicked. */
    boolean kick(KickMsg kick);
}
