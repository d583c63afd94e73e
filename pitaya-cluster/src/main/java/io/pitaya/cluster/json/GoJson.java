package io.pitaya.cluster.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON written the way Go's {@code encoding/json} writes it, so that records Java servers put in etcd and metadata
 * they send read the same as a Go peer's: map keys sorted, no spaces, and {@code <}, {@code >}, {@code &},
 * U+2028, U+2029 escaped as {@code \u003c}... (Go's HTML-safe default).
 */
public final class GoJson {

    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper(
            new JsonFactory().setCharacterEscapes(new GoEscapes()))
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private GoJson() {
    }

    private static final class GoEscapes extends CharacterEscapes {
        private final int[] asciiEscapes;

        GoEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            asciiEscapes['<'] = ESCAPE_CUSTOM;
            asciiEscapes['>'] = ESCAPE_CUSTOM;
            asciiEscapes['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
