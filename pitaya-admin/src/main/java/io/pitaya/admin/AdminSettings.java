package io.pitaya.admin;

import io.pitaya.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * The admin page's settings ({@code pitaya.admin.*}; not Pitaya keys).
 *
 * @param enabled   {@code pitaya.admin.enabled}: the page and its data are served, and every message's latency is
 *                  recorded for it; off by default, since the page shows operational data to whoever reaches it
 * @param window    {@code pitaya.admin.window}: how far back p50 and p99 look (Micrometer's distribution statistic
 *                  expiry); at least 2 s
 * @param maxRoutes {@code pitaya.metrics.maxroutes}: distinct routes shown before the rest share {@code _other}
 */
public record AdminSettings(boolean enabled, Duration window, int maxRoutes) {

    public static final String ENABLED = "pitaya.admin.enabled";
    public static final String WINDOW = "pitaya.admin.window";
    public static final String MAX_ROUTES = "pitaya.metrics.maxroutes";

    public AdminSettings {
        if (window.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException(WINDOW + " must be at least 2s: " + window);
        }
        if (maxRoutes < 1) {
            throw new IllegalArgumentException(MAX_ROUTES + " must be >= 1: " + maxRoutes);
        }
    }

    public static AdminSettings from(Config config) {
        return new AdminSettings(ConfigReader.bool(config, ENABLED, false),
                ConfigReader.duration(config, WINDOW, Duration.ofSeconds(10)),
                ConfigReader.integer(config, MAX_ROUTES, 1000));
    }
}
