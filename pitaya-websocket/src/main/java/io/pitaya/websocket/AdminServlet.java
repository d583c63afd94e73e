package io.pitaya.websocket;

import io.pitaya.spi.AdminConsole;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code /pitaya/admin/}: the live admin page (static HTML, script and style from {@code WEB-INF/admin}, out of reach
 * of plain static serving) and {@code /pitaya/admin/stats}, the JSON it polls, from the admin module's
 * {@link AdminConsole} bean. Everything answers 404 when the module is not deployed or {@code pitaya.admin.enabled}
 * is false (mapped in {@code web.xml}).
 */
public class AdminServlet extends HttpServlet {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/admin.js", "admin.js",
            "/admin.css", "admin.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    @Inject
    @Any
    transient Instance<AdminConsole> consoles;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminConsole console = EnabledBeans.first(consoles, AdminConsole::enabled);
        if (console == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "the admin page is off (pitaya.admin.enabled)");
            return;
        }
        String path = request.getPathInfo();
        if (path == null) { // relative links in the page need the trailing slash
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (path.equals("/stats")) {
            response.setContentType("application/json");
            console.writeStats(response.getOutputStream());
            return;
        }
        String file = FILES.get(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = getServletContext().getResourceAsStream("/WEB-INF/admin/" + file)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            in.transferTo(response.getOutputStream());
        }
    }
}
