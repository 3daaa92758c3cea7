package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamePatternsTest {
    @Test
    void noPatternsTakeEverything() {
        assertThat(NamePatterns.all().matches("any", "thing")).isTrue();
    }

    @Test
    void globsOnSchemaDotTable() {
        NamePatterns p = new NamePatterns(List.of("public.*", "sales.order?"), List.of("public.tmp_*"));
        assertThat(p.matches("public", "orders")).isTrue();
        assertThat(p.matches("public", "tmp_x")).isFalse();
        assertThat(p.matches("sales", "orders")).isTrue();
        assertThat(p.matches("sales", "order")).isFalse();
        assertThat(p.matches("other", "orders")).isFalse();
    }

    @Test
    void aPatternWithoutADotIsASchemaAndCaseDoesNotMatter() {
        NamePatterns p = new NamePatterns(List.of("Sales"), List.of());
        assertThat(p.matches("sales", "anything")).isTrue();
        assertThat(p.matches("salesx", "anything")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        NamePatterns p = new NamePatterns(List.of("a+b.(x)|y"), List.of());
        assertThat(p.matches("a+b", "(x)|y")).isTrue();
        assertThat(p.matches("aab", "x")).isFalse();
    }
}
