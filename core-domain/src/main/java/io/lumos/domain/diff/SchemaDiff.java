package io.lumos.domain.diff;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares two versions of a dataset, or two catalog snapshots, into classified {@link Finding}s
 * (research schema-diff §7). Fields are matched by identity first (field id, attnum), then by name,
 * then by Avro alias or a declared {@code renamedFrom}; unmatched removed+added pairs with the same
 * type and position get a "probable rename" hint, never a lower severity.
 *
 * <p>This class is the entry point and the snapshot walk; the work is done by {@link FieldMatcher}
 * (pairing fields), {@link DatasetComparison} (dataset and field facts), {@link
 * TypeChangeClassifier} (type changes) and {@link LineageChanges} (lineage edges).
 *
 * <p>Facts the type strings cannot carry are read from field properties: {@link #RENAMED_FROM},
 * {@link #ALIASES}, {@link #TYPE_NAME}, {@link #TYPE_ALIASES}, {@link #ENUM_DEFAULT}; and from dataset
 * properties: {@link #POSITIONAL} (headerless CSV: order matters) and {@link #TYPE_NAME}.
 */
public final class SchemaDiff {
    /** Field property: the field's old name, declared in config (the equivalent of an Avro alias). */
    public static final String RENAMED_FROM = "renamedFrom";
    /** Field property: Avro field aliases, comma separated. */
    public static final String ALIASES = "aliases";
    /** Field or dataset property: the full name of the named type (Avro record, enum, fixed). */
    public static final String TYPE_NAME = "typeName";
    /** Field or dataset property: the named type's aliases, comma separated. */
    public static final String TYPE_ALIASES = "typeAliases";
    /**
     * Field property: the Avro type that carries the field's logical type, as a type string
     * ({@code fixed(16)}, {@code bytes}, {@code string}, {@code int64}). Avro resolves that type
     * first (a fixed by name and size) and only then may the logical type be read.
     */
    public static final String PHYSICAL_TYPE = "physicalType";
    /** Field property: the enum's default symbol (Avro enum default). */
    public static final String ENUM_DEFAULT = "enumDefault";
    /** Dataset property: "true" when consumers read columns by position (headerless CSV). */
    public static final String POSITIONAL = "positional";

    private SchemaDiff() {}

    /** Diffs two versions of a dataset under BACKWARD, the default mode. */
    public static DatasetDiff diff(Dataset before, Dataset after) {
        return diff(before, after, CompatibilityMode.BACKWARD);
    }

    /** Diffs two versions of a dataset; the severities follow {@code mode}. */
    public static DatasetDiff diff(Dataset before, Dataset after, CompatibilityMode mode) {
        FindingCollector findings = new FindingCollector(after.id(), mode, isAvro(before) || isAvro(after));
        new DatasetComparison(findings).compareDatasets(before, after);
        return findings.result();
    }

    /**
     * Diffs a candidate against a version history (oldest first). The findings are those against the
     * latest version; a transitive mode adds the incompatibilities found against each earlier version
     * (newest first, each marked with {@code comparedWith}, e.g. "v1" for the first).
     */
    public static DatasetDiff diffHistory(List<Dataset> history, Dataset candidate, CompatibilityMode mode) {
        if (history.isEmpty()) {
            return new DatasetDiff(candidate.id(), mode, List.of());
        }
        DatasetDiff latest = diff(history.get(history.size() - 1), candidate, mode);
        if (!mode.transitive()) {
            return latest;
        }
        List<Finding> all = new ArrayList<>(latest.findings());
        Set<String> seen = new HashSet<>();
        for (Finding f : all) {
            seen.add(key(f));
        }
        for (int i = history.size() - 2; i >= 0; i--) {
            for (Finding f : diff(history.get(i), candidate, mode).findings()) {
                boolean incompatible = (mode.checksBackward() && !f.backwardCompatible())
                        || (mode.checksForward() && !f.forwardCompatible());
                if (incompatible && seen.add(key(f))) {
                    all.add(f.withComparedWith("v" + (i + 1)));
                }
            }
        }
        all.sort(DatasetDiff.ORDER);
        return new DatasetDiff(candidate.id(), mode, all);
    }

    /** The same change with the same verdicts is reported once, against the latest version. */
    private static String key(Finding f) {
        return f.ruleId() + '\u0000' + f.path() + '\u0000' + f.backwardCompatible() + f.forwardCompatible();
    }

    /** Diffs two snapshots under one mode for every dataset. */
    public static SnapshotDiff diff(CatalogSnapshot before, CatalogSnapshot after, CompatibilityMode mode) {
        return diff(before, after, id -> mode);
    }

    /**
     * Diffs two snapshots: datasets matched by id, added and removed datasets, lineage edges added or
     * removed (reported on the downstream dataset), each dataset under its own mode.
     */
    public static SnapshotDiff diff(
            CatalogSnapshot before, CatalogSnapshot after, Function<DatasetId, CompatibilityMode> modes) {
        Map<DatasetId, Dataset> old = new HashMap<>();
        for (Dataset d : before.datasets()) {
            old.put(d.id(), d);
        }
        Map<DatasetId, Dataset> current = new HashMap<>();
        for (Dataset d : after.datasets()) {
            current.put(d.id(), d);
        }
        Map<DatasetId, List<Finding>> byDataset = new TreeMap<>();
        List<Dataset[]> matched = new ArrayList<>();
        for (Dataset n : after.datasets()) {
            CompatibilityMode mode = modes.apply(n.id());
            Dataset o = old.get(n.id());
            if (o == null) {
                FindingCollector ctx = new FindingCollector(n.id(), mode, isAvro(n));
                ctx.emit(
                        Rule.DATASET_ADDED,
                        true,
                        true,
                        "",
                        null,
                        n.id().shortName(),
                        "dataset " + n.id().shortName() + " added ("
                                + n.fields().size() + " fields)",
                        null);
                byDataset.put(n.id(), ctx.out);
            } else {
                matched.add(new Dataset[] {o, n});
            }
        }
        // Datasets diff independently and the diff is pure, so large snapshots use every core.
        List<List<Finding>> results = (matched.size() > 256 ? matched.parallelStream() : matched.stream())
                .map(pair -> pair[0].equals(pair[1])
                        // Equal records cannot differ: most datasets of a snapshot are unchanged.
                        ? null
                        : (List<Finding>) new ArrayList<>(diff(pair[0], pair[1], modes.apply(pair[1].id()))
                                .findings()))
                .toList();
        for (int i = 0; i < matched.size(); i++) {
            if (results.get(i) != null) {
                byDataset.put(matched.get(i)[1].id(), results.get(i));
            }
        }
        for (Dataset o : before.datasets()) {
            if (!current.containsKey(o.id())) {
                FindingCollector ctx = new FindingCollector(o.id(), modes.apply(o.id()), isAvro(o));
                ctx.emit(
                        Rule.DATASET_REMOVED,
                        true,
                        false,
                        "",
                        o.id().shortName(),
                        null,
                        "dataset " + o.id().shortName() + " removed",
                        null);
                byDataset.put(o.id(), ctx.out);
            }
        }
        LineageChanges.collect(before.lineage(), after.lineage(), byDataset, modes, current, old);
        List<DatasetDiff> diffs = new ArrayList<>(byDataset.size());
        byDataset.forEach((id, findings) -> {
            findings.sort(DatasetDiff.ORDER);
            diffs.add(new DatasetDiff(id, modes.apply(id), findings));
        });
        return new SnapshotDiff(diffs);
    }

    /** Avro keeps its own rule for optional fields: nullable without a default is not optional (R05). */
    static boolean isAvro(Dataset d) {
        String format = d.properties().getOrDefault("format", "");
        return d.platform().equals("avro") || format.equalsIgnoreCase("avro");
    }

    /** A comma-separated property (aliases) as its stripped, non-empty items. */
    static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
