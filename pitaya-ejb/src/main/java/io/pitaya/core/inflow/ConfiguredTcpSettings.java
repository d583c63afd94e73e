package io.pitaya.core.inflow;

import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.config.TcpAcceptorConfig;
import io.pitaya.spi.TcpSettings;
import io.pitaya.spi.TcpSettingsSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The TCP acceptor's settings from the application's MicroProfile Config ({@code pitaya.acceptor.tcp.*}). */
public class ConfiguredTcpSettings implements TcpSettingsSource {

    private final Config config = ConfigProvider.getConfig(ConfiguredTcpSettings.class.getClassLoader());

    @Override
    public TcpSettings tcpSettings() {
        return TcpAcceptorConfig.enabled(config) ? TcpAcceptorConfig.from(config) : null;
    }

    @Override
    public boolean coreRunning() {
        return CoreReadiness.isRunning();
    }

    @Override
    public int maxPacketBodyLength() {
        return PitayaConfig.from(config).maxPacketBodyLength();
    }
}
