package io.lumos.source.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Folds OpenLineage events into datasets and lineage, in event-time order whatever order they come
 * in: every fact about a dataset (each facet: schema, documentation, ownership, ...) is kept with the
 * event time that stated it, and a later fact replaces it only when its event time is not earlier.
 * So a COMPLETE that arrives before its START ends with the COMPLETE's schema, and a START without a
 * schema facet never erases the schema an earlier run wrote. Memory holds one entry per dataset and
 * per lineage edge, never the events.
 *
 * <p>With {@code preferSymlinks}, a dataset that names a Hive (or other) table among its
 * {@code symlinks} (type TABLE) is that table: Spark writes {@code hdfs://nn:8020} +
 * {@code /warehouse/db.db/t} and says it is {@code hive://metastore} + {@code db.t}. Events that name
 * only the path are folded into the table as well, whenever the symlink was seen.
 */
final class Intake {
    /** The dataset facets we read; others are ignored, as the spec allows. */
    static final List<String> FACETS = List.of(
            "schema",
            "documentation",
            "ownership",
            "symlinks",
            "storage",
            "dataSource",
            "datasetType",
            "lifecycleStateChange",
            "version",
            "tags",
            "columnLineage",
            "outputStatistics");

    private static final Map<String, Integer> FACET_INDEX = index();
    static final int SCHEMA = FACETS.indexOf("schema");
    static final int SYMLINKS = FACETS.indexOf("symlinks");
    static final int COLUMN_LINEAGE = FACETS.indexOf("columnLineage");
    static final int OUTPUT_STATISTICS = FACETS.indexOf("outputStatistics");

    private static Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < FACETS.size(); i++) {
            m.put(FACETS.get(i), i);
        }
        return Map.copyOf(m);
    }

    /** What one OpenLineage dataset (namespace + name) is known to be, each fact with its time. */
    static final class State {
        final String namespace;
        final String name;
        final JsonNode[] facets = new JsonNode[FACETS.size()];
        final Instant[] times = new Instant[FACETS.size()];
        /** The physical dataset this table was seen as (from its symlinks), for the location. */
        String physicalNamespace;

        String physicalName;
        Instant physicalAt;
        Instant lastSeen;
        String producer;
        /** The last time a run wrote it with success. */
        Instant lastWritten;

        State(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        void put(int facet, JsonNode value, Instant at) {
            if (times[facet] == null || !at.isBefore(times[facet])) {
                times[facet] = at;
                facets[facet] = value.path("_deleted").asBoolean(false) ? NullNode.getInstance() : value;
            }
        }

        JsonNode facet(int i) {
            JsonNode n = facets[i];
            return n == null || n.isNull() ? null : n;
        }

        boolean hasSchema() {
            return facet(SCHEMA) != null;
        }

        void seen(Instant at, String by) {
            if (lastSeen == null || !at.isBefore(lastSeen)) {
                lastSeen = at;
                producer = by;
            }
        }

        /** Another state of the same dataset (seen before its symlink was known): newest facts win. */
        void merge(State other) {
            for (int i = 0; i < facets.length; i++) {
                if (other.times[i] != null && (times[i] == null || !other.times[i].isBefore(times[i]))) {
                    times[i] = other.times[i];
                    facets[i] = other.facets[i];
                }
            }
            if (other.lastSeen != null) {
                seen(other.lastSeen, other.producer);
            }
            if (other.lastWritten != null && (lastWritten == null || other.lastWritten.isAfter(lastWritten))) {
                lastWritten = other.lastWritten;
            }
            if (other.physicalNamespace != null && (physicalAt == null || !other.physicalAt.isBefore(physicalAt))) {
                physicalNamespace = other.physicalNamespace;
                physicalName = other.physicalName;
                physicalAt = other.physicalAt;
            }
        }
    }

    /** A dataset-to-dataset edge as events state it: first seen when, by which job. */
    private static final class Edge {
        Instant first;
        String job;
    }

    /** A problem with one event or one dataset in it; the rest goes on. */
    interface Problems {
        void problem(String where, String message);
    }

    private final boolean preferSymlinks;
    private final Map<String, State> states = new HashMap<>();
    /** Physical key -> table key, from symlinks. */
    private final Map<String, String> aliases = new HashMap<>();

    private final Map<String, Map<String, Edge>> edges = new HashMap<>();
    private long events;
    private long skipped;

    Intake(boolean preferSymlinks) {
        this.preferSymlinks = preferSymlinks;
    }

    long events() {
        return events;
    }

    long skipped() {
        return skipped;
    }

    int datasetCount() {
        return states.size();
    }

    static String key(String namespace, String name) {
        return namespace + '\u0000' + name;
    }

    /** Folds one event in; what is wrong with it goes to {@code problems} with {@code where}. */
    void accept(JsonNode event, String where, Problems problems) {
        if (!event.path("run").isObject()
                && !event.path("job").isObject()
                && !event.path("dataset").isObject()) {
            problems.problem(where, "not an OpenLineage event: it has no run, job or dataset; the event is skipped");
            skipped++;
            return;
        }
        Instant at = eventTime(event.get("eventTime"));
        if (at == null) {
            JsonNode t = event.get("eventTime");
            problems.problem(
                    where,
                    (t == null || t.isNull()
                                    ? "the event has no eventTime"
                                    : "eventTime '" + t.asText() + "' is not an ISO-8601 date-time")
                            + "; the event is skipped (every OpenLineage event needs one, e.g."
                            + " 2024-05-01T10:00:00.000Z)");
            skipped++;
            return;
        }
        String producer = text(event, "producer");
        boolean isRun = event.has("run") && event.get("run").isObject();
        JsonNode dataset = event.get("dataset");
        if (dataset != null && dataset.isObject() && !isRun) {
            events++;
            observe(dataset, dataset.path("facets"), null, at, producer, "dataset", where, problems);
            return;
        }
        JsonNode job = event.get("job");
        events++;
        String jobName = job == null || !job.isObject() ? null : jobName(job);
        String type = text(event, "eventType");
        boolean complete = "COMPLETE".equalsIgnoreCase(type);
        List<String> inputs = new ArrayList<>();
        int i = 0;
        for (JsonNode in : event.path("inputs")) {
            State s = observe(in, in.path("facets"), null, at, producer, "inputs[" + i++ + "]", where, problems);
            if (s != null) {
                inputs.add(key(s.namespace, s.name));
            }
        }
        i = 0;
        for (JsonNode out : event.path("outputs")) {
            State s = observe(
                    out,
                    out.path("facets"),
                    out.path("outputFacets"),
                    at,
                    producer,
                    "outputs[" + i++ + "]",
                    where,
                    problems);
            if (s == null) {
                continue;
            }
            if (complete && (s.lastWritten == null || at.isAfter(s.lastWritten))) {
                s.lastWritten = at;
            }
            String down = key(s.namespace, s.name);
            for (String up : inputs) {
                if (!up.equals(down)) {
                    edge(up, down, at, jobName);
                }
            }
        }
    }

    private void edge(String up, String down, Instant at, String job) {
        Edge e = edges.computeIfAbsent(down, k -> new HashMap<>(8)).computeIfAbsent(up, k -> new Edge());
        if (e.first == null || at.isBefore(e.first)) {
            e.first = at;
            e.job = job;
        }
    }

    private static String jobName(JsonNode job) {
        String ns = text(job, "namespace");
        String name = text(job, "name");
        if (name == null) {
            return null;
        }
        return ns == null ? name : ns + "/" + name;
    }

    /** Records what one event says about one dataset; null when it cannot be named. */
    private State observe(
            JsonNode d,
            JsonNode facets,
            JsonNode outputFacets,
            Instant at,
            String producer,
            String role,
            String where,
            Problems problems) {
        String ns = text(d, "namespace");
        String name = text(d, "name");
        if (ns == null || ns.isBlank() || name == null || name.isBlank()) {
            problems.problem(
                    where,
                    role + " has no " + (ns == null || ns.isBlank() ? "namespace" : "name")
                            + "; that dataset is skipped (OpenLineage names a dataset by namespace and name)");
            return null;
        }
        String own = key(ns, name);
        String canonical = own;
        String tableNs = null;
        String tableName = null;
        if (preferSymlinks && facets.isObject()) {
            for (JsonNode id : facets.path("symlinks").path("identifiers")) {
                if ("TABLE".equalsIgnoreCase(text(id, "type"))
                        && text(id, "namespace") != null
                        && text(id, "name") != null) {
                    tableNs = text(id, "namespace");
                    tableName = text(id, "name");
                    break;
                }
            }
        }
        if (tableNs != null) {
            canonical = key(tableNs, tableName);
            if (!canonical.equals(own)) {
                aliases.put(own, canonical);
            }
        } else {
            canonical = resolve(own);
        }
        State s = states.get(canonical);
        if (s == null) {
            if (tableNs != null) {
                s = new State(tableNs, tableName);
            } else {
                String[] parts = split(canonical);
                s = new State(parts[0], parts[1]);
            }
            states.put(canonical, s);
        }
        if (!canonical.equals(own) && (s.physicalAt == null || !at.isBefore(s.physicalAt))) {
            s.physicalNamespace = ns;
            s.physicalName = name;
            s.physicalAt = at;
        }
        s.seen(at, producer);
        if (facets.isObject()) {
            java.util.Iterator<Map.Entry<String, JsonNode>> it = facets.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                Integer idx = FACET_INDEX.get(f.getKey());
                if (idx != null && f.getValue().isObject() && idx != OUTPUT_STATISTICS) {
                    s.put(idx, f.getValue(), at);
                }
            }
        }
        if (outputFacets != null && outputFacets.path("outputStatistics").isObject()) {
            s.put(OUTPUT_STATISTICS, outputFacets.get("outputStatistics"), at);
        }
        return s;
    }

    private String resolve(String key) {
        String k = key;
        for (int hops = 0; hops < 8; hops++) {
            String next = aliases.get(k);
            if (next == null || next.equals(k)) {
                return k;
            }
            k = next;
        }
        return k;
    }

    private static String[] split(String key) {
        int z = key.indexOf('\u0000');
        return new String[] {key.substring(0, z), key.substring(z + 1)};
    }

    /**
     * Datasets and lineage, once every event is in: datasets seen before their symlink are folded
     * into their table, and each edge gets the column mappings of its downstream's newest
     * {@code columnLineage} facet.
     */
    void finish(
            DatasetBuilder builder,
            boolean datasetsWithoutSchema,
            BiConsumer<String, String> warn,
            java.util.function.Consumer<Dataset> datasets,
            java.util.function.Consumer<LineageEdge> lineage) {
        // 1. fold physical datasets into their tables
        for (String physical : List.copyOf(aliases.keySet())) {
            State s = states.get(physical);
            String table = resolve(physical);
            if (s != null && !table.equals(physical)) {
                states.remove(physical);
                State t = states.get(table);
                if (t == null) {
                    String[] parts = split(table);
                    t = new State(parts[0], parts[1]);
                    states.put(table, t);
                }
                if (t.physicalAt == null) {
                    t.physicalNamespace = s.namespace;
                    t.physicalName = s.name;
                    t.physicalAt = s.lastSeen;
                }
                t.merge(s);
            }
        }
        // 2. our ids; two OpenLineage datasets that map to one id are one dataset, with a warning
        Map<String, DatasetId> ids = new HashMap<>();
        Map<DatasetId, State> byId = new TreeMap<>();
        Map<DatasetId, String> firstKey = new HashMap<>();
        List<String> keys = new ArrayList<>(states.keySet());
        keys.sort(Comparator.naturalOrder());
        for (String k : keys) {
            State s = states.get(k);
            DatasetId id = builder.id(s.namespace, s.name);
            ids.put(k, id);
            State other = byId.get(id);
            if (other == null) {
                byId.put(id, s);
                firstKey.put(id, k);
            } else {
                warn.accept(
                        id.shortName(),
                        "OpenLineage datasets " + display(firstKey.get(id)) + " and " + display(k)
                                + " both map to " + id.shortName()
                                + "; they are kept as one (give a namespace its own platform or env under"
                                + " 'namespaces:' to keep them apart)");
                other.merge(s);
            }
        }
        // 3. datasets
        for (Map.Entry<DatasetId, State> e : byId.entrySet()) {
            State s = e.getValue();
            if (s.hasSchema() || datasetsWithoutSchema) {
                datasets.accept(builder.dataset(e.getKey(), s));
            }
        }
        // 4. lineage: run inputs -> outputs, plus every input the column lineage names
        Map<DatasetId, Map<DatasetId, Edge>> out = new TreeMap<>();
        edges.forEach((down, ups) -> ups.forEach((up, edge) -> {
            DatasetId d = idOf(down, ids, builder);
            DatasetId u = idOf(up, ids, builder);
            if (!u.equals(d)) {
                Edge merged = out.computeIfAbsent(d, x -> new TreeMap<>()).get(u);
                if (merged == null) {
                    out.get(d).put(u, edge);
                } else if (edge.first.isBefore(merged.first)) {
                    merged.first = edge.first;
                    merged.job = edge.job;
                }
            }
        }));
        Map<DatasetId, Map<DatasetId, List<ColumnMapping>>> columns = new HashMap<>();
        for (Map.Entry<DatasetId, State> e : byId.entrySet()) {
            JsonNode cl = e.getValue().facet(COLUMN_LINEAGE);
            if (cl == null) {
                continue;
            }
            Map<DatasetId, List<ColumnMapping>> byUpstream =
                    ColumnLineage.mappings(cl, (ns, name) -> idOf(resolve(key(ns, name)), ids, builder));
            byUpstream.remove(e.getKey());
            columns.put(e.getKey(), byUpstream);
            Instant at = e.getValue().times[COLUMN_LINEAGE];
            for (DatasetId up : byUpstream.keySet()) {
                Map<DatasetId, Edge> into = out.computeIfAbsent(e.getKey(), x -> new TreeMap<>());
                if (!into.containsKey(up)) {
                    Edge edge = new Edge();
                    edge.first = at;
                    into.put(up, edge);
                }
            }
            // inputs that affect the whole dataset (filters, joins): lineage without columns
            for (JsonNode in : cl.path("dataset")) {
                if (text(in, "namespace") != null && text(in, "name") != null) {
                    DatasetId up = idOf(resolve(key(text(in, "namespace"), text(in, "name"))), ids, builder);
                    if (!up.equals(e.getKey())) {
                        Map<DatasetId, Edge> into = out.computeIfAbsent(e.getKey(), x -> new TreeMap<>());
                        if (!into.containsKey(up)) {
                            Edge edge = new Edge();
                            edge.first = at;
                            into.put(up, edge);
                        }
                    }
                }
            }
        }
        out.forEach((down, ups) -> ups.forEach((up, edge) -> {
            List<ColumnMapping> cols = columns.getOrDefault(down, Map.of()).getOrDefault(up, List.of());
            lineage.accept(new LineageEdge(
                    up,
                    down,
                    LineageType.TRANSFORMED,
                    1.0,
                    edge.first,
                    edge.job == null ? "openlineage" : "openlineage:" + edge.job,
                    cols));
        }));
    }

    private static DatasetId idOf(String key, Map<String, DatasetId> ids, DatasetBuilder builder) {
        DatasetId id = ids.get(key);
        if (id == null) {
            String[] p = split(key);
            id = builder.id(p[0], p[1]);
            ids.put(key, id);
        }
        return id;
    }

    private static String display(String key) {
        String[] p = split(key);
        return p[0] + " " + p[1];
    }

    // ------------------------------------------------------------------ helpers

    private static final DateTimeFormatter[] FORMATS = {
        DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_ZONED_DATE_TIME
    };

    /** An ISO-8601 date-time; one without an offset is taken as UTC (some producers leave it out). */
    static Instant eventTime(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        String t = n.asText().strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t, FORMATS[0]).toInstant();
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(t, FORMATS[1]).toInstant();
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** For tests: the states by OpenLineage namespace and name. */
    Map<String, State> states() {
        return new LinkedHashMap<>(states);
    }
}
