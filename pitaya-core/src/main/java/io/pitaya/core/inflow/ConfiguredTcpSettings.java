package io.pitaya.core.inflow;

import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.config.TcpAcceptorConfig;
import io.pitaya.core.lifecycle.CoreReadiness;
import io.pitaya.spi.TcpSettings;
import io.pitaya.spi.TcpSettingsSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/**
 * The TCP acceptor's listeners from the application's MicroProfile Config ({@code pitaya.acceptor.tcp.*} and
 * {@code pitaya.acceptor.tcp.listener.<name>.*}), and the core's state and session drain, read without calling the
 * bean (see {@link CoreReadiness}).
 */
public class ConfiguredTcpSettings implements TcpSettingsSource {

    private final Config config = ConfigProvider.getConfig(ConfiguredTcpSettings.class.getClassLoader());

    @Override
    public List<TcpSettings> tcpListeners() {
        return TcpAcceptorConfig.listeners(config);
    }

    @Override
    public boolean coreRunning() {
        return CoreReadiness.isRunning();
    }

    @Override
    public int maxPacketBodyLength() {
        return PitayaConfig.from(config).maxPacketBodyLength();
    }

    @Override
    public int maxHandshakeBodyLength() {
        return PitayaConfig.maxHandshakeBodyLength(config);
    }

    /** The running server's session drain ({@code pitaya.session.drain.*}); nothing when none runs. */
    @Override
    public void drainSessions() {
        CoreReadiness.drainSessions();
    }

    @Override
    public void active(boolean active) {
        CoreReadiness.tcpAcceptorActive(active);
    }
}
