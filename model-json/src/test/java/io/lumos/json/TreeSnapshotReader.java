package io.lumos.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tree-based snapshot reader that ModelJson used before the streaming one, with its tree
 * conversions, kept verbatim as the reference the streaming reader is compared against (tests) and
 * timed against (bench). Main code has one decoder, {@link StreamingReader}.
 */
final class TreeSnapshotReader {
    private TreeSnapshotReader() {}

    static Dataset readDataset(String json) {
        try {
            return dataset(ModelJson.mapper().readTree(json));
        } catch (IOException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, "not a dataset JSON document: " + e.getMessage(), e);
        }
    }

    static CatalogSnapshot readSnapshot(InputStream in, String where) {
        JsonNode root;
        try (JsonParser p = ModelJson.mapper().getFactory().createParser(in)) {
            root = ModelJson.mapper().readTree(p);
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    where + ": not a JSON snapshot ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
        if (root == null || !root.isObject() || !root.has("datasets")) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    where + ": not a Lumos snapshot (no \"datasets\"); write one with `lumos snapshot export -o FILE`");
        }
        int format = root.path("formatVersion").asInt(1);
        if (format > CatalogSnapshot.FORMAT_VERSION) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    where + ": snapshot format " + format + " is newer than this Lumos reads ("
                            + CatalogSnapshot.FORMAT_VERSION + "); upgrade Lumos");
        }
        try {
            List<Dataset> datasets = new ArrayList<>();
            for (JsonNode d : root.path("datasets")) {
                datasets.add(dataset(d));
            }
            List<LineageEdge> lineage = new ArrayList<>();
            for (JsonNode e : root.path("lineage")) {
                lineage.add(edge(e));
            }
            Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
            for (JsonNode v : root.path("versions")) {
                DatasetId id = DatasetId.parse(v.path("dataset").asText(), "PROD");
                versions.computeIfAbsent(id, k -> new ArrayList<>()).add(version(v));
            }
            Instant created = root.hasNonNull("createdAt")
                    ? Instant.parse(root.get("createdAt").asText())
                    : Instant.EPOCH;
            return new CatalogSnapshot(
                    format, created, root.path("producer").asText("lumos"), datasets, lineage, versions);
        } catch (RuntimeException e) {
            if (e instanceof LumosException le) {
                throw le;
            }
            throw new LumosException(ErrorCode.BAD_INPUT, where + ": invalid snapshot: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- the tree conversions

    static Dataset dataset(JsonNode d) {
        DatasetId id = d.hasNonNull("id")
                ? DatasetId.parse(d.get("id").asText(), "PROD")
                : new DatasetId(
                        d.path("platform").asText(),
                        d.path("name").asText(),
                        d.path("env").asText("PROD"));
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : d.path("fields")) {
            fields.add(field(f));
        }
        List<Owner> owners = new ArrayList<>();
        for (JsonNode o : d.path("owners")) {
            owners.add(owner(o));
        }
        return Dataset.builder(id)
                .description(text(d, "description"))
                .subtype(text(d, "subtype"))
                .fields(fields)
                .tags(strings(d, "tags"))
                .glossaryTerms(strings(d, "glossaryTerms"))
                .owners(owners)
                .domain(text(d, "domain"))
                .status(
                        d.hasNonNull("status")
                                ? DatasetStatus.parse(d.get("status").asText())
                                : null)
                .properties(map(d, "properties"))
                .statistics(new Statistics(
                        d.hasNonNull("rowCount") ? d.get("rowCount").asLong() : null,
                        d.hasNonNull("sizeBytes") ? d.get("sizeBytes").asLong() : null,
                        d.hasNonNull("lastModified")
                                ? Instant.parse(d.get("lastModified").asText())
                                : null))
                .location(text(d, "location"))
                .version(d.hasNonNull("version") ? version(d.get("version")) : null)
                .build();
    }

    static Field field(JsonNode f) {
        List<Field> children = new ArrayList<>();
        for (JsonNode c : f.path("fields")) {
            children.add(field(c));
        }
        return Field.builder(
                        f.path("name").asText(), DataTypes.parse(f.path("type").asText("unknown")))
                .path(text(f, "path"))
                .nullable(f.path("nullable").asBoolean(true))
                .nativeType(text(f, "nativeType"))
                .description(text(f, "description"))
                .tags(strings(f, "tags"))
                .primaryKey(f.path("primaryKey").asBoolean(false))
                .partitionKey(f.path("partitionKey").asBoolean(false))
                .defaultValue(text(f, "default"))
                .identity(text(f, "identity"))
                .properties(map(f, "properties"))
                .fields(children)
                .build();
    }

    static LineageEdge edge(JsonNode e) {
        List<ColumnMapping> columns = new ArrayList<>();
        for (JsonNode c : e.path("columns")) {
            columns.add(columnMapping(c));
        }
        return new LineageEdge(
                DatasetId.parse(e.path("upstream").asText(), "PROD"),
                DatasetId.parse(e.path("downstream").asText(), "PROD"),
                e.hasNonNull("type") ? LineageType.parse(e.get("type").asText()) : null,
                e.path("confidence").asDouble(1.0),
                e.hasNonNull("createdAt") ? Instant.parse(e.get("createdAt").asText()) : null,
                text(e, "createdBy"),
                columns);
    }

    static Owner owner(JsonNode o) {
        return o.isTextual()
                ? new Owner(o.asText(), null)
                : new Owner(o.path("id").asText(), text(o, "type"));
    }

    static ColumnMapping columnMapping(JsonNode c) {
        return new ColumnMapping(
                strings(c, "upstream"),
                c.path("downstream").asText(),
                text(c, "transformation"),
                text(c, "transformationType"),
                text(c, "transformationSubtype"));
    }

    static DatasetVersion version(JsonNode v) {
        return new DatasetVersion(
                v.path("cloudVersion").asText(),
                SemVer.parse(v.path("schemaVersion").asText("1.0.0")),
                Instant.parse(v.path("timestamp").asText()),
                text(v, "author"),
                ChangeType.parse(v.path("changeType").asText("SCHEMA_CHANGE")),
                text(v, "changeDetails"),
                text(v, "previousVersion"),
                text(v, "schemaFingerprint"));
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n.path(name)) {
            out.add(v.asText());
        }
        return out;
    }

    private static Map<String, String> map(JsonNode n, String name) {
        Map<String, String> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.path(name).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
