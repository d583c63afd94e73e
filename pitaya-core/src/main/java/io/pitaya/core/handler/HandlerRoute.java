package io.pitaya.core.handler;

/**
 * A client route split into its parts: {@code serverType.service.method} or {@code service.method}
 * (then the server type is this server's own).
 */
public record HandlerRoute(String serverType, String service, String method) {

    /**
     * @return the parsed route, or null when it has not 2 or 3 non-blank parts
     */
    public static HandlerRoute parse(String route, String ownServerType) {
        if (route == null) {
            return null;
        }
        String[] parts = route.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                return null;
            }
        }
        return switch (parts.length) {
            case 2 -> new HandlerRoute(ownServerType, parts[0], parts[1]);
            case 3 -> new HandlerRoute(parts[0], parts[1], parts[2]);
            default -> null;
        };
    }

    /** The handler lookup key, {@code service.method}. */
    public String key() {
        return service + "." + method;
    }

    @Override
    public String toString() {
        return serverType + "." + service + "." + method;
    }
}
