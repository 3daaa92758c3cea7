package io.lumos.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree-based snapshot reader that ModelJson used before the streaming one, kept verbatim as the
 * reference the streaming reader is compared against (tests) and timed against (bench).
 */
final class TreeSnapshotReader {
    private TreeSnapshotReader() {}

    static Dataset readDataset(String json) {
        try {
            return ModelJson.dataset(ModelJson.mapper().readTree(json));
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
                datasets.add(ModelJson.dataset(d));
            }
            List<LineageEdge> lineage = new ArrayList<>();
            for (JsonNode e : root.path("lineage")) {
                lineage.add(ModelJson.edge(e));
            }
            Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
            for (JsonNode v : root.path("versions")) {
                DatasetId id = DatasetId.parse(v.path("dataset").asText(), "PROD");
                versions.computeIfAbsent(id, k -> new ArrayList<>()).add(ModelJson.version(v));
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
}
