package io.pitaya.core.config;

import io.pitaya.core.testing.FakeBeans;
import io.pitaya.protocol.message.RouteDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pitaya.handler.dictionary} and the application's RouteDictionary bean. */
class RouteDictionaryConfigTest {

    private static final String HINT = " (expected route:code,route:code with unique routes and codes in 0..65535,"
            + " e.g. room.join:1,onMessage:4)";

    @Test
    void parsesRouteCodePairsInOrder() {
        RouteDictionary d = RouteDictionaryConfig.parse("room.join:1,onMessage:4");
        assertThat(d.asMap()).containsExactly(Map.entry("room.join", 1), Map.entry("onMessage", 4));
        assertThat(d.codeOf("onMessage")).hasValue(4);
        assertThat(d.routeOf(1)).hasValue("room.join");
    }

    @Test
    void toleratesBlanksAndTheWholeCodeRange() {
        RouteDictionary d = RouteDictionaryConfig.parse("  connector.testsvc.testbind : 0 ,\n route.test:65535 ");
        assertThat(d.asMap()).containsExactly(Map.entry("connector.testsvc.testbind", 0), Map.entry("route.test", 65535));
    }

    @Test
    void anEmptyTextIsTheEmptyDictionary() {
        assertThat(RouteDictionaryConfig.parse("")).isSameAs(RouteDictionary.EMPTY);
        assertThat(RouteDictionaryConfig.parse("   ")).isSameAs(RouteDictionary.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "room.join                 | \"room.join\" is not route:code",
            "room.join:1,,onMessage:4  | empty entry (stray comma?)",
            "room.join:1,              | empty entry (stray comma?)",
            ":1                        | \":1\" has no route",
            "room.join:x               | code of \"room.join\" is not an integer: \"x\"",
            "room.join:                | code of \"room.join\" is not an integer: \"\"",
            "room.join:65536           | code of \"room.join\" must be within 0..65535: 65536",
            "room.join:-1              | code of \"room.join\" must be within 0..65535: -1",
            "room.join:1,room.join:2   | route \"room.join\" is listed twice",
            "room.join:1,onMessage:1   | code 1 is used by both \"room.join\" and \"onMessage\"",
    })
    void invalidDictionariesAreRejectedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> RouteDictionaryConfig.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pitaya.handler.dictionary=" + text + " is invalid: " + why + HINT);
    }

    @Test
    void overLongRoutesAreRejected() {
        String route = "r".repeat(256);
        assertThatThrownBy(() -> RouteDictionaryConfig.parse(route + ":1"))
                .hasMessageContaining("route \"" + route + "\" is longer than 255 bytes");
    }

    @Test
    void theConfigKeyWinsOverTheApplicationsBean() {
        RouteDictionary bean = RouteDictionary.of(Map.of("a.b", 9));
        MapConfig config = new MapConfig(Map.of("pitaya.handler.dictionary", "room.join:1"));
        assertThat(RouteDictionaryConfig.from(config, Optional.of(bean)).asMap()).containsExactly(Map.entry("room.join", 1));
    }

    @Test
    void withoutTheKeyTheBeanApplies() {
        RouteDictionary bean = RouteDictionary.of(Map.of("a.b", 9));
        assertThat(RouteDictionaryConfig.from(new MapConfig(Map.of()), Optional.of(bean))).isSameAs(bean);
        assertThat(RouteDictionaryConfig.from(new MapConfig(Map.of("pitaya.handler.dictionary", " ")), Optional.of(bean)))
                .as("blank means unset").isSameAs(bean);
    }

    @Test
    void withNeitherTheDictionaryIsEmpty() {
        assertThat(RouteDictionaryConfig.from(new MapConfig(Map.of()), Optional.empty())).isSameAs(RouteDictionary.EMPTY);
    }

    @Test
    void theConfigKeyIsValidatedEvenWhenABeanExists() {
        MapConfig config = new MapConfig(Map.of("pitaya.handler.dictionary", "room.join"));
        assertThatThrownBy(() -> RouteDictionaryConfig.from(config, Optional.of(RouteDictionary.EMPTY)))
                .hasMessageStartingWith("pitaya.handler.dictionary=room.join is invalid");
    }

    @Test
    void theApplicationsBeanIsFoundThroughCdi() {
        Map<String, Integer> routes = new LinkedHashMap<>();
        routes.put("onMessage", 4);
        RouteDictionary dict = RouteDictionary.of(routes);
        FakeBeans beans = new FakeBeans().add(Object.class, RouteDictionary.class, () -> dict);
        assertThat(RouteDictionaryConfig.from(new MapConfig(Map.of()), beans.manager())).isSameAs(dict);
        assertThat(RouteDictionaryConfig.from(new MapConfig(Map.of()), new FakeBeans().manager())).isSameAs(RouteDictionary.EMPTY);
    }

    @Test
    void twoDictionaryBeansFail() {
        FakeBeans beans = new FakeBeans()
                .add(String.class, RouteDictionary.class, () -> RouteDictionary.EMPTY)
                .add(Integer.class, RouteDictionary.class, () -> RouteDictionary.EMPTY);
        assertThatThrownBy(() -> RouteDictionaryConfig.from(new MapConfig(Map.of()), beans.manager()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("more than one RouteDictionary bean: [java.lang.Integer, java.lang.String]; produce exactly one");
    }

    @Test
    void aNullDictionaryBeanFails() {
        FakeBeans beans = new FakeBeans().add(String.class, RouteDictionary.class, () -> null);
        assertThatThrownBy(() -> RouteDictionaryConfig.from(new MapConfig(Map.of()), beans.manager()))
                .hasMessage("the RouteDictionary bean of java.lang.String is null");
    }
}
