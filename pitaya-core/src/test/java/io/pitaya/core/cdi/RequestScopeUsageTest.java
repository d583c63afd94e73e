package io.pitaya.core.cdi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestScopeUsageTest {

    @Test
    void theContainersOwnRequestScopedBeansDoNotCount() {
        assertThat(RequestScopeUsage.isContainers("org.jboss.weld.module.web.HttpServletRequestBean")).isTrue();
        assertThat(RequestScopeUsage.isContainers("org.jboss.weld.contexts.conversation.ConversationImpl")).isTrue();
        assertThat(RequestScopeUsage.isContainers("org.jboss.resteasy.cdi.ContextProducers")).isTrue();
        assertThat(RequestScopeUsage.isContainers("org.glassfish.soteria.SecurityContextImpl")).isTrue();
    }

    @Test
    void theApplicationsDo() {
        assertThat(RequestScopeUsage.isContainers("io.pitaya.it.pipeline.CallLog")).isFalse();
        assertThat(RequestScopeUsage.isContainers("com.example.game.PlayerCache")).isFalse();
        assertThat(RequestScopeUsage.isContainers("org.jbossish.Thing")).isFalse();
    }
}
