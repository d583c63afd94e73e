package io.pitaya.core.docs;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;

/** The Go identifiers protoc-gen-go derives from proto names, where Pitaya's documentation shows them. */
final class GoNames {

    private GoNames() {
    }

    /**
     * protoc-gen-go's {@code GoCamelCase}: words start at {@code _} or an upper-case letter and are capitalised,
     * {@code _} before a lower-case letter and {@code .} before a lower-case letter disappear, other {@code .}
     * become {@code _}, a leading {@code _} becomes {@code X}; digits are kept.
     */
    static String camelCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean nextLower = i + 1 < s.length() && isLower(s.charAt(i + 1));
            if (c == '.' && nextLower) {
                continue;
            } else if (c == '.') {
                b.append('_');
            } else if (c == '_' && (i == 0 || s.charAt(i - 1) == '.')) {
                b.append('X');
            } else if (c == '_' && nextLower) {
                continue;
            } else if (c >= '0' && c <= '9') {
                b.append(c);
            } else {
                b.append(isLower(c) ? (char) (c - ('a' - 'A')) : c);
                while (i + 1 < s.length() && isLower(s.charAt(i + 1))) {
                    b.append(s.charAt(++i));
                }
            }
        }
        return b.toString();
    }

    /** The Go type name of a message: {@code Outer.Inner} is {@code Outer_Inner}. */
    static String messageType(Descriptor message) {
        String pkg = message.getFile().getPackage();
        String relative = pkg.isEmpty() ? message.getFullName() : message.getFullName().substring(pkg.length() + 1);
        return camelCase(relative);
    }

    /** The Go field name of a oneof ({@code my_choice} is {@code MyChoice}). */
    static String oneofField(OneofDescriptor oneof) {
        return camelCase(oneof.getName());
    }

    /** The Go interface type of a oneof's field: {@code isOuter_Inner_MyChoice}. */
    static String oneofInterface(OneofDescriptor oneof) {
        return "is" + messageType(oneof.getContainingType()) + "_" + oneofField(oneof);
    }

    /** Go's docgenerator lower-cases the first letter of untagged input fields. */
    static String firstLetterToLower(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
