package io.pitaya.spi;

/**
 * The message-listener interface of the TCP resource adapter: the core implements it with a message-driven bean,
 * and the adapter hands it every accepted connection. It lives in this library so both the adapter and the core
 * can see it. The bean's activation config names a {@link TcpSettingsSource} under {@code settingsSource}.
 *
 * <p>The methods the adapter calls are declared here again, not only inherited: Payara's MDB container looks up a
 * delivery method's transaction attribute by the method's declaring interface and finds none for a method declared
 * by a super-interface (it then fails every delivery); WildFly accepts either.
 */
public interface TcpAcceptorEndpoint extends ConnectionAcceptor {

    /** Activation config property naming the {@link TcpSettingsSource} class. */
    String SETTINGS_SOURCE = "settingsSource";

    @Override
    PacketSink accept(Connection connection);

    @Override
    int maxPacketBodyLength();
}
