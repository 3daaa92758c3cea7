package io.lumos.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.cli.config.YamlNode.Kind;
import io.lumos.cli.config.YamlNode.Mapping;
import io.lumos.cli.config.YamlNode.Scalar;
import io.lumos.cli.config.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final List<String> problems = new ArrayList<>();

    private YamlNode read(String yaml) {
        return YamlReader.read(yaml, "c.yaml", problems);
    }

    @Test
    void everyKeyAndValueKnowsWhereItWasWritten() {
        Mapping root = (Mapping) read("a:\n  b: [x, {c: 1}]\n  d: text\n");
        assertThat(root.line()).isEqualTo(1);
        Mapping a = (Mapping) root.entry("a").value();
        assertThat(a.entry("b"))
                .extracting(YamlNode.Entry::line, YamlNode.Entry::column)
                .containsExactly(2, 3);
        Sequence b = (Sequence) a.entry("b").value();
        assertThat(b.items().get(0))
                .extracting(YamlNode::line, YamlNode::column)
                .containsExactly(2, 7);
        Mapping c = (Mapping) b.items().get(1);
        assertThat(c.entry("c").column()).isEqualTo(11);
        assertThat(a.entry("d").value())
                .extracting(YamlNode::line, YamlNode::column)
                .containsExactly(3, 6);
        assertThat(problems).isEmpty();
    }

    @Test
    void plainScalarsResolveAsYamlDoesAndQuotedOnesStayText() {
        Mapping root = (Mapping) read("i: 12\nf: 1.5\nb: yes\nq: \"yes\"\nn: ~\ne:\nh: 0x1F\nd: 2026-12-31\n");
        Map<String, YamlNode> v = root.values();
        assertThat(((Scalar) v.get("i")).kind()).isEqualTo(Kind.INTEGER);
        assertThat(((Scalar) v.get("f")).kind()).isEqualTo(Kind.DECIMAL);
        assertThat(((Scalar) v.get("b")).kind()).isEqualTo(Kind.BOOLEAN);
        assertThat(((Scalar) v.get("q")).kind()).isEqualTo(Kind.STRING);
        assertThat(((Scalar) v.get("n")).isNull()).isTrue();
        assertThat(((Scalar) v.get("e")).isNull()).isTrue();
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("i", 12L);
        expected.put("f", 1.5);
        expected.put("b", true);
        expected.put("q", "yes");
        expected.put("n", null);
        expected.put("e", null);
        expected.put("h", "0x1F");
        expected.put("d", "2026-12-31");
        assertThat(YamlNode.plain(root)).isEqualTo(expected);
    }

    @Test
    void aDuplicateKeyIsAProblemWithBothPlaces() {
        read("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
        assertThat(problems)
                .containsExactly(
                        "c.yaml:4:3: duplicate key 'c' (first at c.yaml:3:3); a key may appear once: merge the two or"
                                + " delete one",
                        "c.yaml:5:1: duplicate key 'a' (first at c.yaml:1:1); a key may appear once: merge the two or"
                                + " delete one");
    }

    @Test
    void anAliasStandsForItsAnchor() {
        Mapping root = (Mapping) read("base: &b {x: 1}\ncopy: *b\n");
        assertThat(root.entry("copy").value()).isSameAs(root.entry("base").value());
        assertThatThrownBy(() -> read("a: *nope\n")).hasMessage("c.yaml:1:4: invalid YAML: found undefined alias nope");
    }

    @Test
    void tooManyAliasesOfCollectionsAreRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [1]\nb: [");
        for (int i = 0; i <= YamlReader.MAX_COLLECTION_ALIASES; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*a");
        }
        assertThatThrownBy(() -> read(yaml.append("]\n").toString())).hasMessageContaining("aliases");
    }

    @Test
    void invalidYamlNamesTheProblemAndWhereItIs() {
        assertThatThrownBy(() -> read("lumos_config:\n  platform: [local\n"))
                .isInstanceOf(YamlReader.InvalidYamlException.class)
                .hasMessage("c.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end>");
        assertThatThrownBy(() -> read("a: b: c\n"))
                .hasMessage("c.yaml:1:5: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void oneDocumentOnly() {
        assertThatThrownBy(() -> read("a: 1\n---\nb: 2\n"))
                .hasMessageStartingWith("c.yaml:3:1: invalid YAML: expected a single document");
        assertThat(read("# nothing\n")).isNull();
    }
}
