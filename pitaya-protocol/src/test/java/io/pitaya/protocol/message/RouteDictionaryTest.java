package io.pitaya.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDictionaryTest {

    @Test
    void looksUpBothWaysAndKeepsInsertionOrder() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("room.room.join", 2);
        m.put("onMessage", 4);
        m.put("connector.getsessiondata", 0);
        RouteDictionary d = RouteDictionary.of(m);
        assertThat(d.codeOf("onMessage")).hasValue(4);
        assertThat(d.codeOf("missing")).isEmpty();
        assertThat(d.codeOf(null)).isEmpty();
        assertThat(d.routeOf(2)).hasValue("room.room.join");
        assertThat(d.routeOf(3)).isEmpty();
        assertThat(d.asMap().keySet()).containsExactly("room.room.join", "onMessage", "connector.getsessiondata");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.isEmpty()).isFalse();
        assertThat(d).isEqualTo(RouteDictionary.of(new HashMap<>(m)));
    }

    @Test
    void isImmutable() {
        Map<String, Integer> m = new HashMap<>(Map.of("a", 1));
        RouteDictionary d = RouteDictionary.of(m);
        m.put("b", 2);
        assertThat(d.size()).isEqualTo(1);
        assertThatThrownBy(() -> d.asMap().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyDictionary() {
        assertThat(RouteDictionary.EMPTY.isEmpty()).isTrue();
        assertThat(RouteDictionary.EMPTY.size()).isZero();
        assertThat(RouteDictionary.of(Map.of())).isSameAs(RouteDictionary.EMPTY);
    }

    @Test
    void acceptsCodeBounds() {
        assertThat(RouteDictionary.of(Map.of("a", 0, "b", 65535)).routeOf(65535)).hasValue("b");
    }

    @Test
    void rejectsInvalidEntries() {
        assertThatThrownBy(() -> RouteDictionary.of(Map.of("a", -1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteDictionary.of(Map.of("a", 65536))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteDictionary.of(Map.of("a", 1, "b", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> RouteDictionary.of(Map.of("", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteDictionary.of(Map.of("r".repeat(256), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Integer> nullCode = new HashMap<>();
        nullCode.put("a", null);
        assertThatThrownBy(() -> RouteDictionary.of(nullCode)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Integer> nullRoute = new HashMap<>();
        nullRoute.put(null, 1);
        assertThatThrownBy(() -> RouteDictionary.of(nullRoute)).isInstanceOf(IllegalArgumentException.class);
    }
}
