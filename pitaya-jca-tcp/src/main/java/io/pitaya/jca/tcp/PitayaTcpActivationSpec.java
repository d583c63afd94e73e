package io.pitaya.jca.tcp;

import io.pitaya.spi.TcpAcceptorEndpoint;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * Activation of the TCP acceptor for a message-driven bean implementing {@link TcpAcceptorEndpoint}. It has no
 * properties on purpose: the bean supplies the settings from the application's MicroProfile Config.
 */
@Activation(messageListeners = TcpAcceptorEndpoint.class)
public class PitayaTcpActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        // nothing to validate: settings come from the endpoint at activation
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
