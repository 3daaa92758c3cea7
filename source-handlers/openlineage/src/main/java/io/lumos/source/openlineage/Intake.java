package io.lumos.source.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.spi.CatalogView;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.run.RunEvent;
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
 * schema facet never erases the schema an earlier run wrote ({@link DatasetFacts} holds one dataset's
 * facts; {@link RunStates} turns RunEvents into run state changes). Memory holds one entry per dataset and
 * per lineage edge, never the events.
 *
 * <p>With {@code preferSymlinks}, a dataset that names a Hive (or other) table among its
 * {@code symlinks} (type TABLE) is that table: Spark writes {@code hdfs://nn:8020} +
 * {@code /warehouse/db.db/t} and says it is {@code hive://metastore} + {@code db.t}. Events that name
 * only the path are folded into the table as well, whenever the symlink was seen.
 */
final class Intake {
    /** A dataset-to-dataset edge as events state it: first seen when, by which job. */
    private static final class Edge {
        Instant first;
        String job;
    }

    /**
     * What a long-running reader wrote before ({@link Written}): {@link #finish} builds and hands
     * over only the datasets and edges whose fingerprint changed. Each call records the new
     * fingerprint as pending.
     */
    interface Memo {
        /** Whether the dataset as built ({@link DatasetFacts#fingerprint}) differs from the one written. */
        boolean datasetChanged(DatasetId id, long fingerprint);

        /** Whether its facts ({@link DatasetFacts#facts}, which its column lineage is part of) changed. */
        boolean factsChanged(DatasetId id, long facts);

        boolean edgeChanged(DatasetId upstream, DatasetId downstream, long fingerprint);
    }

    /** A problem with one event or one dataset in it; the rest goes on. */
    interface Problems {
        void problem(String where, String message);
    }

    private final boolean preferSymlinks;
    private final Map<String, DatasetFacts> states = new HashMap<>();
    /** Physical key -> table key, from symlinks. */
    private final Map<String, String> aliases = new HashMap<>();

    private final Map<String, Map<String, Edge>> edges = new HashMap<>();
    private long events;
    private long skipped;

    /** Where run state changes go as they are read (null: runs are not recorded). */
    private RunStates runs;

    Intake(boolean preferSymlinks) {
        this.preferSymlinks = preferSymlinks;
    }

    /**
     * Hands each RunEvent's state change (START, RUNNING, COMPLETE, FAIL, ABORT; not OTHER, which
     * changes no state) to {@code sink} as it is read, with the job, the datasets it read and
     * wrote (named by {@code builder}), the error of the errorMessage facet and the parent of the
     * parent facet. Nothing of it is kept here: memory stays flat in runs.
     */
    Intake recordRuns(DatasetBuilder builder, java.util.function.Consumer<RunEvent> sink) {
        this.runs = new RunStates(builder, sink);
        return this;
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
    void accept(Event event, String where, Problems problems) {
        if (!event.run && !event.job && !event.dataset) {
            problems.problem(where, "not an OpenLineage event: it has no run, job or dataset; the event is skipped");
            skipped++;
            return;
        }
        Instant at = eventTime(event.eventTime);
        if (at == null) {
            problems.problem(
                    where,
                    (event.eventTime == null
                                    ? "the event has no eventTime"
                                    : "eventTime '" + event.eventTime + "' is not an ISO-8601 date-time")
                            + "; the event is skipped (every OpenLineage event needs one, e.g."
                            + " 2024-05-01T10:00:00.000Z)");
            skipped++;
            return;
        }
        events++;
        String jobName = event.jobName == null
                ? null
                : event.jobNamespace == null ? event.jobName : event.jobNamespace + "/" + event.jobName;
        boolean complete = "COMPLETE".equalsIgnoreCase(event.eventType);
        boolean isStatic = event.dataset && !event.run;
        List<String> inputs = new ArrayList<>();
        List<DatasetFacts> outputs = runs == null ? null : new ArrayList<>();
        List<DatasetFacts> read = runs == null ? null : new ArrayList<>();
        // inputs first, whatever the order of the keys: each output is joined to all of them
        for (Event.Role role : isStatic ? STATIC : RUN) {
            for (Event.Ref d : event.datasets) {
                if (d.role == role) {
                    observeIn(event, d, at, where, problems, inputs, read, outputs, complete, jobName);
                }
            }
        }
        if (runs != null && event.run && event.job) {
            runs.record(event, at, where, problems, read, outputs);
        }
    }

    private static final Event.Role[] STATIC = {Event.Role.DATASET};
    private static final Event.Role[] RUN = {Event.Role.INPUT, Event.Role.OUTPUT};

    private void observeIn(
            Event event,
            Event.Ref d,
            Instant at,
            String where,
            Problems problems,
            List<String> inputs,
            List<DatasetFacts> read,
            List<DatasetFacts> outputs,
            boolean complete,
            String jobName) {
        DatasetFacts s = observe(event, d, at, where, problems);
        if (s != null) {
            String k = key(s.namespace, s.name);
            if (d.role == Event.Role.INPUT) {
                inputs.add(k);
                if (read != null) {
                    read.add(s);
                }
            } else if (d.role == Event.Role.OUTPUT) {
                if (outputs != null) {
                    outputs.add(s);
                }
                if (complete && (s.lastWritten == null || at.isAfter(s.lastWritten))) {
                    s.lastWritten = at;
                }
                for (String up : inputs) {
                    if (!up.equals(k)) {
                        edge(up, k, at, jobName);
                    }
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

    /** Records what one event says about one dataset; null when it cannot be named. */
    private DatasetFacts observe(Event event, Event.Ref d, Instant at, String where, Problems problems) {
        String ns = d.namespace;
        String name = d.name;
        if (ns == null || ns.isBlank() || name == null || name.isBlank()) {
            problems.problem(
                    where,
                    d.where() + " has no " + (ns == null || ns.isBlank() ? "namespace" : "name")
                            + "; that dataset is skipped (OpenLineage names a dataset by namespace and name)");
            return null;
        }
        String own = key(ns, name);
        String canonical;
        String tableNs = null;
        String tableName = null;
        if (preferSymlinks && d.start[DatasetFacts.SYMLINKS] >= 0) {
            try {
                JsonNode symlinks = DatasetFacts.JSON.readTree(
                        event.bytes,
                        d.start[DatasetFacts.SYMLINKS],
                        d.end[DatasetFacts.SYMLINKS] - d.start[DatasetFacts.SYMLINKS]);
                for (JsonNode id : symlinks.path("identifiers")) {
                    if ("TABLE".equalsIgnoreCase(text(id, "type"))
                            && text(id, "namespace") != null
                            && text(id, "name") != null) {
                        tableNs = text(id, "namespace");
                        tableName = text(id, "name");
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                // the event parsed, so its facet does too
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
        DatasetFacts s = states.get(canonical);
        if (s == null) {
            String[] parts = split(canonical);
            s = new DatasetFacts(parts[0], parts[1]);
            states.put(canonical, s);
        }
        if (!canonical.equals(own) && (s.physicalAt == null || !at.isBefore(s.physicalAt))) {
            s.physicalNamespace = ns;
            s.physicalName = name;
            s.physicalAt = at;
        }
        s.seen(at, event.producer);
        for (int i = 0; i < d.start.length; i++) {
            if (d.start[i] >= 0) {
                s.put(i, event.bytes, d.start[i], d.end[i], at);
            }
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
            Problems problems,
            java.util.function.Consumer<Dataset> datasets,
            java.util.function.Consumer<LineageEdge> lineage) {
        finish(builder, datasetsWithoutSchema, null, CatalogView.NONE, warn, problems, datasets, lineage);
    }

    /**
     * As above; with a {@code memo}, only the datasets and edges whose facts (or their times)
     * changed since what the memo holds are built and handed over. Each is merged with what
     * {@code catalog} holds, read once for all of them: a fact the catalog holds from a newer event
     * stays ({@link DatasetBuilder#dataset(DatasetId, DatasetFacts, Dataset)}), and when its column
     * lineage is the newer, the edges into it keep the catalog's column mappings and the older
     * facet adds no edges (as the file fold uses only the newest facet).
     *
     * @return the same merge for the catalog to do again inside its write, with the datasets as
     *     committed there ({@link DatasetMerge}): {@link DatasetBuilder#dataset(DatasetId,
     *     DatasetFacts, Dataset)} of this fold's facts with what the catalog holds by then, so that
     *     another writer's newer state since the read above is kept
     */
    DatasetMerge finish(
            DatasetBuilder builder,
            boolean datasetsWithoutSchema,
            Memo memo,
            CatalogView catalog,
            BiConsumer<String, String> warn,
            Problems problems,
            java.util.function.Consumer<Dataset> datasets,
            java.util.function.Consumer<LineageEdge> lineage) {
        // 1. fold physical datasets into their tables
        for (String physical : List.copyOf(aliases.keySet())) {
            DatasetFacts s = states.get(physical);
            String table = resolve(physical);
            if (s != null && !table.equals(physical)) {
                states.remove(physical);
                DatasetFacts t = states.get(table);
                if (t == null) {
                    String[] parts = split(table);
                    t = new DatasetFacts(parts[0], parts[1]);
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
        Map<DatasetId, DatasetFacts> byId = new TreeMap<>();
        Map<DatasetId, String> firstKey = new HashMap<>();
        List<String> keys = new ArrayList<>(states.keySet());
        keys.sort(Comparator.naturalOrder());
        for (String k : keys) {
            DatasetFacts s = states.get(k);
            DatasetId id = builder.id(s.namespace, s.name);
            ids.put(k, id);
            DatasetFacts other = byId.get(id);
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
        // 3. datasets (with a memo: only those whose facts or their times changed), merged with
        // what the catalog holds, read in one go
        Map<DatasetId, Long> facts = memo == null ? Map.of() : new HashMap<>();
        java.util.Set<DatasetId> sameFacts = new java.util.HashSet<>();
        List<DatasetId> build = new ArrayList<>(byId.size());
        for (Map.Entry<DatasetId, DatasetFacts> e : byId.entrySet()) {
            DatasetFacts s = e.getValue();
            if (memo != null) {
                long f = s.facts();
                facts.put(e.getKey(), f);
                if (!memo.factsChanged(e.getKey(), f)) {
                    sameFacts.add(e.getKey());
                }
                if (!memo.datasetChanged(e.getKey(), s.fingerprint())) {
                    continue; // the same facts stated at the same times: the catalog has them
                }
            }
            build.add(e.getKey());
        }
        Held held = new Held(catalog, build);
        for (DatasetId id : build) {
            DatasetFacts s = byId.get(id);
            Dataset stored = held.dataset(id);
            if (s.hasSchema() || datasetsWithoutSchema || EventTimes.of(stored).facet(DatasetFacts.SCHEMA) != null) {
                Dataset d;
                try {
                    d = builder.dataset(id, s, stored);
                } catch (RuntimeException ex) {
                    problems.problem(
                            id.shortName(),
                            "cannot make a dataset of " + s.namespace + " " + s.name + ": " + ex.getMessage()
                                    + "; it is skipped");
                    continue;
                }
                datasets.accept(d);
            }
        }
        // 4. lineage: run inputs -> outputs, plus every input the column lineage names
        Map<DatasetId, Map<DatasetId, Edge>> out = new TreeMap<>();
        edges.forEach((down, ups) -> ups.forEach((up, edge) -> {
            // an edge stated before its ends' symlinks were known names the paths: resolve them now
            DatasetId d = idOf(resolve(down), ids, builder);
            DatasetId u = idOf(resolve(up), ids, builder);
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
        for (Map.Entry<DatasetId, DatasetFacts> e : byId.entrySet()) {
            if (sameFacts.contains(e.getKey())) {
                continue; // its column lineage is what was written: its edges are there
            }
            if (held.columnLineage(e.getKey(), e.getValue())) {
                columns.put(e.getKey(), held.columns(e.getKey()));
                continue;
            }
            JsonNode cl = e.getValue().facet(DatasetFacts.COLUMN_LINEAGE);
            if (cl == null) {
                continue;
            }
            Map<DatasetId, List<ColumnMapping>> byUpstream = columnsOf(cl, e.getKey(), ids, builder);
            columns.put(e.getKey(), byUpstream);
            Instant at = e.getValue().times[DatasetFacts.COLUMN_LINEAGE];
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
            if (memo != null) {
                // an edge's columns come from its downstream's facts: unchanged with them
                long fp = DatasetFacts.mix(facts.getOrDefault(down, 0L), edge.job);
                if (!memo.edgeChanged(up, down, fp)) {
                    return;
                }
                if (!columns.containsKey(down) && byId.containsKey(down)) {
                    JsonNode cl = byId.get(down).facet(DatasetFacts.COLUMN_LINEAGE);
                    columns.put(
                            down,
                            held.columnLineage(down, byId.get(down))
                                    ? held.columns(down)
                                    : cl == null ? Map.of() : columnsOf(cl, down, ids, builder));
                }
            }
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
        return (dataset, current) -> {
            DatasetFacts s = byId.get(dataset.id());
            if (s == null) {
                return dataset;
            }
            try {
                return builder.dataset(dataset.id(), s, current.orElse(null));
            } catch (RuntimeException ex) {
                return dataset; // said when it was built; what was built is written
            }
        };
    }

    /** What the catalog holds of the datasets a batch builds, read once; others when an edge asks. */
    private static final class Held {
        private final CatalogView catalog;
        private final Map<DatasetId, Dataset> datasets = new HashMap<>();
        private final java.util.Set<DatasetId> asked = new java.util.HashSet<>();

        Held(CatalogView catalog, List<DatasetId> ids) {
            this.catalog = catalog;
            if (!ids.isEmpty() && catalog != CatalogView.NONE) {
                datasets.putAll(catalog.datasets(ids));
            }
            asked.addAll(ids);
        }

        Dataset dataset(DatasetId id) {
            if (asked.add(id) && catalog != CatalogView.NONE) {
                Dataset d = catalog.datasets(List.of(id)).get(id);
                if (d != null) {
                    datasets.put(id, d);
                }
            }
            return datasets.get(id);
        }

        /** Whether the catalog's column lineage of {@code id} is newer than what {@code s} states. */
        boolean columnLineage(DatasetId id, DatasetFacts s) {
            return EventTimes.of(dataset(id)).holds(DatasetFacts.COLUMN_LINEAGE, s.times[DatasetFacts.COLUMN_LINEAGE]);
        }

        /** The column mappings of the edges into {@code id} as the catalog holds them, by upstream. */
        Map<DatasetId, List<ColumnMapping>> columns(DatasetId id) {
            Map<DatasetId, List<ColumnMapping>> out = new HashMap<>();
            for (LineageEdge e : catalog.upstreamEdges(id)) {
                out.put(e.upstream(), e.columns());
            }
            return out;
        }
    }

    private Map<DatasetId, List<ColumnMapping>> columnsOf(
            JsonNode cl, DatasetId down, Map<String, DatasetId> ids, DatasetBuilder builder) {
        Map<DatasetId, List<ColumnMapping>> byUpstream =
                ColumnLineage.mappings(cl, (ns, name) -> idOf(resolve(key(ns, name)), ids, builder));
        byUpstream.remove(down);
        return byUpstream;
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
    static Instant eventTime(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
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
    Map<String, DatasetFacts> states() {
        return new LinkedHashMap<>(states);
    }
}
