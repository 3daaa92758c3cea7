package io.lumos.source.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code columnLineage} facet (1-2-0) as column mappings, per upstream dataset. For each output
 * column, the input fields of one upstream dataset that share a transformation (type, subtype,
 * description) make one mapping: {@code DIRECT/IDENTITY} copies, {@code DIRECT/AGGREGATION} sums,
 * {@code INDIRECT/JOIN} join keys, each kept apart. Producers of the older facet (1-0-x) give only
 * {@code transformationType} ({@code IDENTITY}, {@code TRANSFORMATION}) and a description per
 * output column; those become DIRECT mappings of that subtype.
 */
final class ColumnLineage {
    private ColumnLineage() {}

    private record Kind(String type, String subtype, String description) {}

    static Map<DatasetId, List<ColumnMapping>> mappings(JsonNode facet, BiFunction<String, String, DatasetId> idOf) {
        Map<DatasetId, Map<String, Map<Kind, Set<String>>>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : facet.path("fields").properties()) {
            String downstream = f.getKey();
            if (downstream.isBlank()) {
                continue;
            }
            JsonNode out = f.getValue();
            String oldType = Intake.text(out, "transformationType");
            String oldDescription = Intake.text(out, "transformationDescription");
            for (JsonNode in : out.path("inputFields")) {
                String ns = Intake.text(in, "namespace");
                String name = Intake.text(in, "name");
                String field = Intake.text(in, "field");
                if (ns == null || name == null || field == null || field.isBlank()) {
                    continue; // lenient: an input field without a name says nothing
                }
                DatasetId up = idOf.apply(ns, name);
                Map<Kind, Set<String>> byKind = grouped.computeIfAbsent(up, k -> new LinkedHashMap<>())
                        .computeIfAbsent(downstream, k -> new LinkedHashMap<>());
                JsonNode transformations = in.path("transformations");
                if (transformations.isArray() && !transformations.isEmpty()) {
                    for (JsonNode t : transformations) {
                        String description = Intake.text(t, "description");
                        Kind kind = new Kind(
                                Intake.text(t, "type"),
                                Intake.text(t, "subtype"),
                                description == null || description.isBlank() ? oldDescription : description);
                        byKind.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(field);
                    }
                } else {
                    Kind kind = oldType == null
                            ? new Kind(null, null, oldDescription)
                            : new Kind("DIRECT", oldType.toUpperCase(Locale.ROOT), oldDescription);
                    byKind.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(field);
                }
            }
        }
        Map<DatasetId, List<ColumnMapping>> out = new LinkedHashMap<>();
        grouped.forEach((up, byColumn) -> {
            List<ColumnMapping> list = new ArrayList<>();
            byColumn.forEach((downstream, byKind) -> byKind.forEach((kind, ups) -> list.add(
                    new ColumnMapping(List.copyOf(ups), downstream, kind.description(), kind.type(), kind.subtype()))));
            out.put(up, list);
        });
        return out;
    }
}
