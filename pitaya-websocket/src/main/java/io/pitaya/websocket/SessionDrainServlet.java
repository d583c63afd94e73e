package io.pitaya.websocket;

import io.pitaya.spi.SessionShutdown;
import jakarta.inject.Inject;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Drains and closes the Pitaya sessions when this module stops, before the WebSocket container closes its
 * connections. Declared in {@code web.xml} with {@code load-on-startup} and no mapping: it serves no request and
 * exists for its {@link #destroy()}.
 *
 * <p>Why a servlet: when a web module stops, the container destroys every servlet and filter before it tells any
 * {@code ServletContextListener} that the context ends (Servlet specification, {@code contextDestroyed}), and the
 * WebSocket container closes its sessions from such a listener (Undertow, Tomcat). A listener of our own would run
 * after it. In an EAR the web module stops before the core, so the core's own shutdown would find the WebSocket
 * players already gone; from here the session drain ({@code pitaya.session.drain.*}) runs while every transport is
 * still open. The container already routes no new requests to this module (new WebSocket connections are refused),
 * and the core refuses new connections of the other transports.
 */
public class SessionDrainServlet extends GenericServlet {

    @Inject
    transient SessionShutdown sessions;

    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
        if (response instanceof HttpServletResponse http) {
            http.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** Blocks for the drain (at most {@code pitaya.session.drain.timeout}) and the close callbacks. */
    @Override
    public void destroy() {
        if (sessions != null) {
            sessions.closeSessions();
        }
    }
}
