package io.lumos.domain.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.util.List;
import java.util.Map;

/** Small builders for diff tests. */
final class Fixtures {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");

    private Fixtures() {}

    static Field opt(String name, String type) {
        return Field.builder(name, DataTypes.parse(type)).nullable(true).build();
    }

    static Field req(String name, String type) {
        return Field.builder(name, DataTypes.parse(type)).nullable(false).build();
    }

    static Field with(Field f, String key, String value) {
        java.util.Map<String, String> p = new java.util.TreeMap<>(f.properties());
        p.put(key, value);
        return f.toBuilder().properties(p).build();
    }

    static Dataset ds(Field... fields) {
        return Dataset.builder(ORDERS).fields(List.of(fields)).build();
    }

    static Dataset ds(DatasetId id, Map<String, String> props, Field... fields) {
        return Dataset.builder(id).properties(props).fields(List.of(fields)).build();
    }

    /** Asserts exactly one finding and returns it. */
    static Finding only(DatasetDiff d) {
        assertThat(d.findings()).as("findings of %s", d.findings()).hasSize(1);
        return d.findings().get(0);
    }

    static Finding one(DatasetDiff d, Rule rule) {
        List<Finding> matching = d.findings().stream()
                .filter(f -> f.ruleId().equals(rule.name()))
                .toList();
        assertThat(matching).as("%s in %s", rule, d.findings()).hasSize(1);
        return matching.get(0);
    }

    static void flags(Finding f, Severity s, boolean b, boolean fw) {
        assertThat(f.severity()).as("severity of %s", f).isEqualTo(s);
        assertThat(f.backwardCompatible()).as("backward of %s", f).isEqualTo(b);
        assertThat(f.forwardCompatible()).as("forward of %s", f).isEqualTo(fw);
    }
}
