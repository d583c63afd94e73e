package io.pitaya.protocol.fuzz;

import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.handshake.HandshakeRequest;
import io.pitaya.protocol.handshake.HandshakeResponse;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the handshake JSON both ways: the server parses the client's request, the client SDK parses the server's
 * response (plain or compressed). Property: only a {@link ProtocolException} escapes, and a parsed request
 * serialises to JSON that parses to the same request.
 */
class HandshakeFuzzTest {

    @Provide
    Arbitrary<byte[]> handshakes() {
        return FuzzInputs.mutatedOrRandom("handshakes", 1024);
    }

    @Property
    void requestParsingFailsOnlyWithProtocolErrors(@ForAll("handshakes") byte[] body) {
        HandshakeRequest request;
        try {
            request = HandshakeRequest.parse(body);
        } catch (ProtocolException e) {
            return; // the server answers 400 and closes
        }
        assertThat(HandshakeRequest.parse(request.toJson())).isEqualTo(request);
    }

    @Property
    void responseParsingFailsOnlyWithProtocolErrors(@ForAll("handshakes") byte[] body) {
        try {
            HandshakeResponse.parse(body);
        } catch (ProtocolException e) {
            // the client closes
        }
    }
}
