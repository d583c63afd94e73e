package io.pitaya.core.config;

import java.time.Duration;

/**
 * Parses durations the way Pitaya's configuration writes them (Go's {@code time.ParseDuration}):
 * {@code 30s}, {@code 500ms}, {@code 1m30s}, {@code 1.5h}, {@code 250us}. A bare number means seconds, which is
 * what a Java user is likely to write.
 */
public final class GoDuration {

    private GoDuration() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (isNumber(s)) {
            return sign(Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9)), negative);
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text);
            }
            double value = Double.parseDouble(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            nanos += Math.round(value * unitNanos(s.substring(unitStart, i), text));
        }
        return sign(Duration.ofNanos(nanos), negative);
    }

    /** Go's {@code Duration.String()} for whole units, as used for the {@code reqTimeout} propagation key. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanosPart() == 0) {
            long s = d.getSeconds();
            StringBuilder b = new StringBuilder();
            if (s >= 3600) {
                b.append(s / 3600).append('h');
                s %= 3600;
                b.append(s / 60).append('m');
                s %= 60;
            } else if (s >= 60) {
                b.append(s / 60).append('m');
                s %= 60;
            }
            return b.append(s).append('s').toString();
        }
        return d.toMillis() + "ms";
    }

    private static long unitNanos(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw invalid(text);
        };
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private static Duration sign(Duration d, boolean negative) {
        return negative ? d.negated() : d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 30s, 500ms, 1m30s)");
    }
}
