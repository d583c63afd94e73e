package io.pitaya.ejb;

import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import io.pitaya.spi.TcpAcceptorEndpoint;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * The core's side of the TCP resource adapter's message inflow: the adapter announces each accepted connection here
 * and then talks to the returned sink (the connection's agent) directly. Bound to the adapter in
 * {@code META-INF/jboss-ejb3.xml} on WildFly; Payara binds it to the one deployed adapter supporting its
 * message-listener interface.
 */
@MessageDriven(messageListenerInterface = TcpAcceptorEndpoint.class, activationConfig =
        @ActivationConfigProperty(propertyName = TcpAcceptorEndpoint.SETTINGS_SOURCE,
                propertyValue = "io.pitaya.core.inflow.ConfiguredTcpSettings"))
@TransactionManagement(TransactionManagementType.BEAN) // accepting a socket is not transactional work
public class TcpAcceptorBean implements TcpAcceptorEndpoint {

    @Inject
    ConnectionAcceptor core;

    @Override
    public PacketSink accept(Connection connection) {
        return core.accept(connection);
    }

    @Override
    public int maxPacketBodyLength() {
        return core.maxPacketBodyLength();
    }
}
