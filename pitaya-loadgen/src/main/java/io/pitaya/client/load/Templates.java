package io.pitaya.client.load;

import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;

import java.nio.charset.StandardCharsets;

/**
 * Messages pre-encoded once per route dictionary with the protocol module's {@link MessageCodec}, so the hot
 * path only patches in the message id. A request body encoded with id 1 is {@code flag | 01 | route | payload}:
 * the id is exactly byte 1, and any other id is written in its place.
 */
final class Templates {

    final RouteDictionary dictionary;
    final MessageCodec codec;
    /** Body of the scenario's request with id 1. */
    final byte[] request;
    /** Fanout: body of the join request with id 1. */
    final byte[] join;
    /** Dictionary code of the counted push route, or -1 when it travels as a string. */
    final int pushCode;
    final byte[] pushRoute;

    Templates(RouteDictionary dictionary, LoadOptions o) {
        this.dictionary = dictionary;
        // the client never compresses: requests stay byte-identical to what the codec would send uncompressed
        this.codec = new MessageCodec(dictionary, false);
        this.request = codec.encode(Message.request(1, o.route, o.payload));
        this.join = codec.encode(Message.request(1, o.joinRoute, "{}".getBytes(StandardCharsets.UTF_8)));
        this.pushCode = dictionary.codeOf(o.pushRoute).orElse(-1);
        this.pushRoute = o.pushRoute.getBytes(StandardCharsets.UTF_8);
    }

    /** The whole Data packet of a fanout sender's chat line; its content names the sender so it knows its echo. */
    byte[] messagePacket(String messageRoute, int senderIndex) {
        String json = "{\"name\":\"bench\",\"content\":\"" + marker(senderIndex) + "\"}";
        return codec.encodePacket(Message.notify(messageRoute, json.getBytes(StandardCharsets.UTF_8)));
    }

    static String marker(int senderIndex) {
        return "x#" + senderIndex;
    }
}
