package io.pitaya.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The live admin page's data, for the web module's {@code /pitaya/admin} servlet: a CDI bean of the admin module, so
 * the web module needs none of its libraries. Absent or disabled, the servlet answers 404 for the page and its data.
 */
public interface AdminConsole {

    /** Whether the admin page is served ({@code pitaya.admin.enabled}). */
    boolean enabled();

    /** Writes the server's current stats as JSON (UTF-8). */
    void writeStats(OutputStream out) throws IOException;
}
