package io.pitaya.core.config;

import io.pitaya.protocol.message.RouteDictionary;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The route dictionary of this server (PROTOCOL.md §3, §4): announced in the handshake's {@code sys.dict},
 * used to decode compressed routes from clients and to compress the routes of pushes it lists.
 *
 * <p>Sources, first one present wins:
 * <ol>
 *   <li>{@code pitaya.handler.dictionary=room.join:1,onMessage:4} (MicroProfile Config, so an operator can change
 *       it without rebuilding);</li>
 *   <li>a CDI bean of type {@link RouteDictionary} the application produces
 *       ({@code @Produces RouteDictionary dictionary() { return RouteDictionary.of(Map.of(...)); }});</li>
 *   <li>none: {@code "dict":{}} and no route is ever compressed.</li>
 * </ol>
 * Anything invalid fails the deployment with a message saying what and where.
 */
public final class RouteDictionaryConfig {

    public static final String DICTIONARY = "pitaya.handler.dictionary";

    private RouteDictionaryConfig() {
    }

    /** Applies the rules above with the {@code RouteDictionary} beans {@code beanManager} sees. */
    public static RouteDictionary from(Config config, BeanManager beanManager) {
        return from(config, beanManager.getBeans(RouteDictionary.class), beanManager);
    }

    /** Applies the rules above with these {@code @Default RouteDictionary} beans of the deployment. */
    public static RouteDictionary from(Config config, Set<Bean<?>> candidates, BeanManager beanManager) {
        return from(config, produced(candidates, beanManager));
    }

    /** Applies the rules above; {@code produced} is the application's dictionary bean, if any. */
    public static RouteDictionary from(Config config, Optional<RouteDictionary> produced) {
        Optional<String> configured = config.getOptionalValue(DICTIONARY, String.class)
                .map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return parse(configured.get());
        }
        return produced.orElse(RouteDictionary.EMPTY);
    }

    /**
     * Parses {@code route:code[,route:code...]}; blanks around entries are ignored, an empty text is the empty
     * dictionary.
     *
     * @throws IllegalArgumentException naming the key and the bad entry: not {@code route:code}, code not an
     *                                  integer in 0..65535, empty or over-long route, a route or code listed twice
     */
    public static RouteDictionary parse(String text) {
        Map<String, Integer> routes = new LinkedHashMap<>();
        Map<Integer, String> codes = new LinkedHashMap<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                if (text.isBlank()) {
                    continue;
                }
                throw invalid(text, "empty entry (stray comma?)");
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "\"" + entry + "\" is not route:code");
            }
            String route = entry.substring(0, colon).trim();
            String number = entry.substring(colon + 1).trim();
            if (route.isEmpty()) {
                throw invalid(text, "\"" + entry + "\" has no route");
            }
            if (route.getBytes(StandardCharsets.UTF_8).length > RouteDictionary.MAX_ROUTE_BYTES) {
                throw invalid(text, "route \"" + route + "\" is longer than 255 bytes");
            }
            int code;
            try {
                code = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw invalid(text, "code of \"" + route + "\" is not an integer: \"" + number + "\"");
            }
            if (code < 0 || code > RouteDictionary.MAX_CODE) {
                throw invalid(text, "code of \"" + route + "\" must be within 0..65535: " + code);
            }
            if (routes.putIfAbsent(route, code) != null) {
                throw invalid(text, "route \"" + route + "\" is listed twice");
            }
            String other = codes.putIfAbsent(code, route);
            if (other != null) {
                throw invalid(text, "code " + code + " is used by both \"" + other + "\" and \"" + route + "\"");
            }
        }
        return RouteDictionary.of(routes);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(DICTIONARY + "=" + text + " is invalid: " + why
                + " (expected route:code,route:code with unique routes and codes in 0..65535, e.g. room.join:1,onMessage:4)");
    }

    /** The application's {@code @Default RouteDictionary} bean, if it has one. */
    private static Optional<RouteDictionary> produced(Set<Bean<?>> beans, BeanManager beanManager) {
        if (beans.isEmpty()) {
            return Optional.empty();
        }
        Bean<?> bean;
        try {
            bean = beanManager.resolve(beans);
        } catch (AmbiguousResolutionException e) {
            throw new IllegalArgumentException("more than one RouteDictionary bean: " + beans.stream()
                    .map(b -> b.getBeanClass().getName()).sorted().toList() + "; produce exactly one", e);
        }
        RouteDictionary dictionary = (RouteDictionary) beanManager.getReference(bean, RouteDictionary.class,
                beanManager.createCreationalContext(bean));
        if (dictionary == null) {
            throw new IllegalArgumentException("the RouteDictionary bean of " + bean.getBeanClass().getName() + " is null");
        }
        return Optional.of(dictionary);
    }
}
