package io.lumos.export.parts;

import static io.lumos.export.table.Column.bool;
import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.decimal;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.percent;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.stream.Collectors;

/** The tables of the profiling extract: dataset and field profiles as the sources measured them. */
public final class ProfileParts {
    private ProfileParts() {}

    public static Table profile(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Profile",
                "profile",
                List.of(
                        text("dataset", "Dataset"),
                        text("platform", "Platform"),
                        integer("rowCount", "Row count"),
                        integer("sizeBytes", "Size (bytes)"),
                        decimal("sizeMb", "Size (MB)"),
                        date("lastModified", "Last modified (UTC)"),
                        integer("fields", "Fields"),
                        integer("nullableFields", "Nullable fields"),
                        integer("profiledFields", "Fields with statistics")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        List<Field> all = d.allFields();
                        long nullable = all.stream().filter(Field::nullable).count();
                        long profiled = all.stream()
                                .filter(f -> !f.properties().isEmpty())
                                .count();
                        Long size = d.statistics().sizeBytes();
                        sink.row(
                                d.id().shortName(),
                                d.platform(),
                                d.statistics().rowCount(),
                                size,
                                size == null ? null : Math.round(size / 10485.76) / 100.0,
                                d.statistics().lastModified(),
                                (long) all.size(),
                                nullable,
                                profiled);
                    }
                });
    }

    /** Keys a source may use for the share of sampled records that have the field. */
    static final List<String> PRESENCE_KEYS = List.of("presence", "presence.share", "presenceShare", "presence_share");

    public static Table fieldProfile(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Field profile",
                "field_profile",
                List.of(
                        text("dataset", "Dataset"),
                        text("path", "Path"),
                        text("type", "Type"),
                        bool("nullable", "Nullable"),
                        percent("presence", "Presence"),
                        text("statistics", "Other statistics")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        String ds = d.id().shortName();
                        for (Field f : d.allFields()) {
                            if (f.properties().isEmpty()) {
                                continue;
                            }
                            Double presence = null;
                            String presenceKey = null;
                            for (String k : PRESENCE_KEYS) {
                                String raw = f.properties().get(k);
                                if (raw != null) {
                                    presence = share(raw);
                                    presenceKey = presence == null ? null : k;
                                    break;
                                }
                            }
                            String key = presenceKey;
                            String other = f.properties().entrySet().stream()
                                    .filter(e -> !e.getKey().equals(key))
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining("; "));
                            sink.row(
                                    ds,
                                    f.path(),
                                    f.type().print(),
                                    f.nullable(),
                                    presence,
                                    other.isEmpty() ? null : other);
                        }
                    }
                });
    }

    /** {@code 0.75}, {@code 75%} or {@code 75} (read as percent when above 1). */
    static Double share(String raw) {
        String t = raw.strip();
        boolean pct = t.endsWith("%");
        if (pct) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            return pct || v > 1 ? v / 100 : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
