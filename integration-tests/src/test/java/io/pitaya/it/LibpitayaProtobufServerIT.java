package io.pitaya.it;

import io.pitaya.client.Response;
import io.pitaya.examples.libpitaya.protobuf.BigMessage;
import io.pitaya.examples.libpitaya.protobuf.SessionData;
import io.pitaya.protocol.error.ErrorPayload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libpitaya protobuf test server written with this project's API (examples/libpitaya-servers with
 * {@code pitaya.serializertype=2}): the requests of libpitaya's protobuf suite, decoded with the example's messages.
 */
@ExtendWith(ArquillianExtension.class)
class LibpitayaProtobufServerIT {

    private static final List<URI> ENDPOINTS = List.of(Deployments.TCP, Deployments.WS);
    private static final String SESSION_DATA = "THIS IS THE SESSION DATA";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return LibpitayaServerDeployments.protobuf();
    }

    @Test
    void theHandshakeAnnouncesProtobuf() {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                assertThat(c.client.handshake().serializer()).isEqualTo("protobuf");
            }
        }
    }

    @Test
    void sessionDataComesBackAsAProtobufMessage() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                // libpitaya sends "{}" as the payload of a request without arguments, even to a protobuf server
                Response r = c.request("connector.getsessiondata", "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(r.isError()).isFalse();
                assertThat(SessionData.parseFrom(r.data()).getData()).isEqualTo(SESSION_DATA);
            }
        }
    }

    @Test
    void setSessionDataDecodesTheArgument() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                Response r = c.request("connector.setsessiondata",
                        SessionData.newBuilder().setData("Joelho").build().toByteArray());
                io.pitaya.examples.libpitaya.protobuf.Response answer =
                        io.pitaya.examples.libpitaya.protobuf.Response.parseFrom(r.data());
                assertThat(answer.getCode()).isEqualTo(200);
                assertThat(answer.getMsg()).isEqualTo("success");
            }
        }
    }

    @Test
    void theBigMessageArrivesWhole() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                BigMessage big = BigMessage.parseFrom(c.request("connector.getbigmessage", new byte[0]).data());
                assertThat(big.getCode()).isEqualTo("ABC-200");
                assertThat(big.getResponse().getPlayer().getName()).isEqualTo("Frederico Castanha");
                assertThat(big.getResponse().getPlayer().getHealth()).isEqualTo(87.5);
                assertThat(big.getResponse().getPlayer().getItemsList()).hasSize(12);
                assertThat(big.getResponse().getNpcsMap()).hasSize(5).containsKey("banana");
                assertThat(big.getResponse().getNpcsMap().get("npc201").getHealth()).isEqualTo(21.432);
                assertThat(big.getResponse().getChestsList()).hasSize(12).startsWith("chchche");
            }
        }
    }

    @Test
    void aNotifyIsAnsweredWithAPush() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                c.client.notify("connector.notifysessiondata", SessionData.newBuilder().setData("x").build().toByteArray());
                ByteClient.Push push = c.nextPush();
                assertThat(push.route()).isEqualTo("some.push.route");
                assertThat(SessionData.parseFrom(push.data()).getData()).isEqualTo(SESSION_DATA);
            }
        }
    }

    @Test
    void anUnknownRouteIsAProtobufError() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = ByteClient.connect(uri)) {
                Response r = c.request("connector.route", "{dqwdwqd}".getBytes(StandardCharsets.UTF_8));
                assertThat(r.isError()).isTrue();
                ErrorPayload error = ErrorPayload.fromProtobuf(r.data());
                assertThat(error.code()).isEqualTo("PIT-404");
                assertThat(error.msg()).isEqualTo("pitaya/handler: connector.connector.route not found");
            }
        }
    }
}
