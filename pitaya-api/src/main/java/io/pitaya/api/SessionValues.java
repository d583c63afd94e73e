package io.pitaya.api;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Number conversions behind {@link Session#getInt} and {@link Session#getLong}. */
final class SessionValues {

    private SessionValues() {
    }

    /** The integral value of {@code value} as a long, or null when it is not a whole number within long range. */
    static Long integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return null;
            }
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // -2^63 is exactly Long.MIN_VALUE; 2^63 is the first double above Long.MAX_VALUE; NaN fails d == rint(d)
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                return (long) d;
            }
        }
        return null;
    }
}
