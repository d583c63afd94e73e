package io.pitaya.jca.tcp;

import io.pitaya.spi.TcpAcceptorEndpoint;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * Activation of the TCP acceptor for a message-driven bean implementing {@link TcpAcceptorEndpoint}. Its one property,
 * {@code settingsSource}, names the {@link io.pitaya.spi.TcpSettingsSource} class (loaded with the bean's class
 * loader) that reads the application's configuration.
 */
@Activation(messageListeners = TcpAcceptorEndpoint.class)
public class PitayaTcpActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;
    private String settingsSource;

    public String getSettingsSource() {
        return settingsSource;
    }

    public void setSettingsSource(String settingsSource) {
        this.settingsSource = settingsSource;
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (settingsSource == null || settingsSource.isBlank()) {
            throw new InvalidPropertyException("the activation config property settingsSource must name a "
                    + "io.pitaya.spi.TcpSettingsSource class");
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }
}
