package io.lumos.cli.service;

import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field-level classification for the version bump: a removed field, a changed type or a field that
 * became required is breaking; an added field is a schema change; anything else is metadata.
 */
public final class SimpleChangeClassifier implements ChangeClassifier {
    @Override
    public Change classify(Dataset before, Dataset after) {
        Map<String, Field> old = index(before);
        Map<String, Field> now = index(after);
        List<String> breaking = new ArrayList<>();
        List<String> schema = new ArrayList<>();
        for (Map.Entry<String, Field> e : old.entrySet()) {
            Field n = now.get(e.getKey());
            if (n == null) {
                breaking.add("FIELD_REMOVED " + e.getKey());
            } else if (!n.type().equals(e.getValue().type())) {
                breaking.add("TYPE_CHANGED " + e.getKey() + " "
                        + e.getValue().type().print() + " -> " + n.type().print());
            } else if (e.getValue().nullable() && !n.nullable()) {
                breaking.add("FIELD_NOW_REQUIRED " + e.getKey());
            } else if (!e.getValue().nullable() && n.nullable()) {
                schema.add("FIELD_NOW_OPTIONAL " + e.getKey());
            }
        }
        for (String path : now.keySet()) {
            if (!old.containsKey(path)) {
                schema.add("FIELD_ADDED " + path);
            }
        }
        if (!breaking.isEmpty()) {
            breaking.addAll(schema);
            return new Change(ChangeType.BREAKING_SCHEMA_CHANGE, String.join("; ", breaking));
        }
        if (!schema.isEmpty()) {
            return new Change(ChangeType.SCHEMA_CHANGE, String.join("; ", schema));
        }
        if (!Fingerprints.of(before).equals(Fingerprints.of(after))) {
            return new Change(ChangeType.METADATA_UPDATE, "metadata changed");
        }
        return null;
    }

    private static Map<String, Field> index(Dataset d) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : d.allFields()) {
            out.put(f.path(), f);
        }
        return out;
    }
}
