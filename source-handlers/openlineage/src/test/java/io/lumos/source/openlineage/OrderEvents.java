package io.lumos.source.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events, folds and catalog reads of the tests of the merge by event time. */
final class OrderEvents {
    private static final JsonFactory JSON = new JsonFactory();

    private OrderEvents() {}

    /**
     * A RunEvent of job {@code daily} reading {@code src} (with its schema) and writing {@code out}
     * with the given output facets (JSON members, comma-joined).
     */
    static String event(String type, String time, String... outFacets) {
        return event(
                type,
                time,
                ",\"facets\":{\"schema\":{\"fields\":[{\"name\":\"id\",\"type\":\"bigint\"},"
                        + "{\"name\":\"price\",\"type\":\"bigint\"}]}}",
                outFacets);
    }

    /** The same, its input named only: the batch builds {@code out} alone. */
    static String outputEvent(String type, String time, String... outFacets) {
        return event(type, time, "", outFacets);
    }

    private static String event(String type, String time, String inputFacets, String[] outFacets) {
        return """
                {"eventType":"%s","eventTime":"%s","producer":"p-%s","run":{"runId":"00000000-0000-4000-8000-000000000001"},
                 "job":{"namespace":"airflow","name":"daily"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.src"%s}],
                 "outputs":[{"namespace":"s3a://lake","name":"out","facets":{%s}}]}
                """
                .formatted(type, time, time, inputFacets, String.join(",", outFacets))
                .replace("\n", "");
    }

    static String schema(String... columns) {
        List<String> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add("{\"name\":\"" + c + "\",\"type\":\"bigint\"}");
        }
        return "\"schema\":{\"fields\":[" + String.join(",", fields) + "]}";
    }

    static String owner(String name) {
        return "\"ownership\":{\"owners\":[{\"name\":\"" + name + "\",\"type\":\"MAINTAINER\"}]}";
    }

    static String doc(String text) {
        return "\"documentation\":{\"description\":\"" + text + "\"}";
    }

    /** Column lineage: each output column from the source column of the same name (or price). */
    static String columns(String subtype, String... outColumns) {
        List<String> fields = new ArrayList<>();
        for (String c : outColumns) {
            fields.add("\"" + c
                    + "\":{\"inputFields\":[{\"namespace\":\"postgres://db:5432\",\"name\":\"shop.public.src\","
                    + "\"field\":\"" + (c.equals("id") ? "id" : "price")
                    + "\",\"transformations\":[{\"type\":\"DIRECT\","
                    + "\"subtype\":\"" + subtype + "\"}]}]}");
        }
        return "\"columnLineage\":{\"fields\":{" + String.join(",", fields) + "}}";
    }

    /** The events folded as one batch, not finished yet; an event that is refused fails the test. */
    static Intake intake(String... events) throws IOException {
        Intake intake = new Intake(true);
        for (String e : events) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            intake.accept(Event.read(JSON, b, b.length), "test", (where, message) -> {
                throw new AssertionError(message);
            });
        }
        return intake;
    }

    /** A catalog as a source reads it: one read per dataset a batch builds, counted. */
    static final class CatalogRead implements CatalogView {
        private final CatalogAdapter catalog;
        int reads;

        CatalogRead(CatalogAdapter catalog) {
            this.catalog = catalog;
        }

        @Override
        public Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids) {
            Map<DatasetId, Dataset> out = new HashMap<>();
            for (DatasetId id : ids) {
                reads++;
                catalog.dataset(id).ifPresent(d -> out.put(id, d));
            }
            return out;
        }

        @Override
        public List<LineageEdge> upstreamEdges(DatasetId id) {
            return catalog.upstreamEdges(id);
        }
    }
}
