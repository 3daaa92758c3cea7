package io.lumos.export.diff;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately minimal comparison of two snapshots for the {@code metadata_diff} extraction:
 * datasets and fields added or removed, field types and nullability changed, matched by id and
 * path. It stands in for the schema diff engine ({@code io.lumos.domain.diff}) until that is merged;
 * swap {@link #compare} for the engine's findings then. Nothing else in this module depends on how
 * the changes are found.
 */
public final class SnapshotChanges {
    private SnapshotChanges() {}

    public enum Kind {
        DATASET_ADDED("dataset added"),
        DATASET_REMOVED("dataset removed"),
        FIELD_ADDED("field added"),
        FIELD_REMOVED("field removed"),
        TYPE_CHANGED("type changed"),
        NULLABILITY_CHANGED("nullability changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One change; {@code path} is null for a dataset-level change. */
    public record Change(Kind kind, DatasetId dataset, String path, String before, String after) {}

    /** The changes from {@code before} to {@code after}, by dataset id, then in field order. */
    public static List<Change> compare(CatalogSnapshot before, CatalogSnapshot after) {
        Map<DatasetId, Dataset> old = index(before);
        Map<DatasetId, Dataset> now = index(after);
        TreeMap<DatasetId, Boolean> ids = new TreeMap<>();
        old.keySet().forEach(id -> ids.put(id, true));
        now.keySet().forEach(id -> ids.put(id, true));
        List<Change> out = new ArrayList<>();
        for (DatasetId id : ids.keySet()) {
            Dataset o = old.get(id);
            Dataset n = now.get(id);
            if (o == null) {
                out.add(new Change(
                        Kind.DATASET_ADDED, id, null, null, n.allFields().size() + " fields"));
            } else if (n == null) {
                out.add(new Change(Kind.DATASET_REMOVED, id, null, o.allFields().size() + " fields", null));
            } else {
                fields(id, o, n, out);
            }
        }
        return out;
    }

    private static void fields(DatasetId id, Dataset o, Dataset n, List<Change> out) {
        Map<String, Field> of = byPath(o);
        Map<String, Field> nf = byPath(n);
        for (Field f : of.values()) {
            Field g = nf.get(f.path());
            if (g == null) {
                out.add(new Change(Kind.FIELD_REMOVED, id, f.path(), describe(f), null));
                continue;
            }
            String t1 = f.type().print();
            String t2 = g.type().print();
            if (!t1.equals(t2)) {
                out.add(new Change(Kind.TYPE_CHANGED, id, f.path(), t1, t2));
            }
            if (f.nullable() != g.nullable()) {
                out.add(new Change(
                        Kind.NULLABILITY_CHANGED, id, f.path(), nullability(f.nullable()), nullability(g.nullable())));
            }
        }
        for (Field g : nf.values()) {
            if (!of.containsKey(g.path())) {
                out.add(new Change(Kind.FIELD_ADDED, id, g.path(), null, describe(g)));
            }
        }
    }

    private static String describe(Field f) {
        return f.type().print() + (f.nullable() ? "" : " not null");
    }

    private static String nullability(boolean nullable) {
        return nullable ? "nullable" : "not null";
    }

    private static Map<DatasetId, Dataset> index(CatalogSnapshot s) {
        Map<DatasetId, Dataset> m = new LinkedHashMap<>();
        for (Dataset d : s.datasets()) {
            m.put(d.id(), d);
        }
        return m;
    }

    private static Map<String, Field> byPath(Dataset d) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : d.allFields()) {
            m.put(f.path(), f);
        }
        return m;
    }
}
