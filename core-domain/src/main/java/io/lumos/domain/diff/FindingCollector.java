package io.lumos.domain.diff;

import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.List;

/** The findings of one dataset's diff so far, each given its severity under the dataset's mode. */
final class FindingCollector {
    final DatasetId id;
    final CompatibilityMode mode;
    final boolean avro;
    final List<Finding> out = new ArrayList<>();

    FindingCollector(DatasetId id, CompatibilityMode mode, boolean avro) {
        this.id = id;
        this.mode = mode;
        this.avro = avro;
    }

    DatasetDiff result() {
        out.sort(DatasetDiff.ORDER);
        return new DatasetDiff(id, mode, out);
    }

    void emit(Rule rule, boolean b, boolean f, String path, String before, String after, String msg, String hint) {
        emit(rule, b, f, rule.policyBreaking(), path, before, after, msg, hint);
    }

    void emit(
            Rule rule,
            boolean b,
            boolean f,
            boolean policy,
            String path,
            String before,
            String after,
            String msg,
            String hint) {
        Severity s = rule.severity(mode, b, f, policy);
        out.add(new Finding(rule.name(), s, b, f, id, path, before, after, msg, hint, null, List.of()));
    }

    /** An Avro reader fills a missing field only from a declared default; others also from null. */
    boolean hasDefault(Field f) {
        return f.defaultValue() != null || (!avro && f.nullable());
    }
}
