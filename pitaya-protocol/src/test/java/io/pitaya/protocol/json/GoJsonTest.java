package io.pitaya.protocol.json;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's {@code json.Marshal} of a {@code map[string]interface{}}. */
class GoJsonTest {

    @Test
    void compactWithSortedKeysAndNull() {
        Map<String, Object> m = new HashMap<>();
        m.put("output", List.of());
        m.put("input", null);
        m.put("a", List.of("x", Map.of("k", "v")));
        assertThat(GoJson.write(m)).isEqualTo("{\"a\":[\"x\",{\"k\":\"v\"}],\"input\":null,\"output\":[]}");
    }

    @Test
    void keysSortAsUtf8BytesNotAsJavaStrings() {
        Map<String, Object> m = new HashMap<>();
        m.put("\uFF21", 1);             // U+FF21: UTF-8 ef bc a1
        m.put("\uD83D\uDE00", 2);       // U+1F600: UTF-8 f0 9f 98 80, sorts after; as UTF-16 (d83d) it would sort before
        m.put("B", 3);
        m.put("a", 4);
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort(GoJson.KEY_ORDER);
        assertThat(keys).containsExactly("B", "a", "\uFF21", "\uD83D\uDE00");
        assertThat(GoJson.write(m)).isEqualTo("{\"B\":3,\"a\":4,\"\uFF21\":1,\"\uD83D\uDE00\":2}");
    }

    @Test
    void escapesLikeGo() {
        assertThat(GoJson.write("map[string]*a.B <&> \"q\" \\ \n\r\t\b\f \u0001 \u2028\u2029 é"))
                .isEqualTo("\"map[string]*a.B \\u003c\\u0026\\u003e \\\"q\\\" \\\\ \\n\\r\\t\\b\\f \\u0001 "
                        + "\\u2028\\u2029 é\"");
        assertThat(GoJson.write("x\uD800y")).isEqualTo("\"x\\ufffdy\"");
    }
}
