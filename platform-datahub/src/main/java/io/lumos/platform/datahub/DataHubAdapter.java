package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.Status;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.dataset.FineGrainedLineage;
import com.linkedin.dataset.UpstreamLineage;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * DataHub as a Lumos catalog. Datasets stream out as they are written (batched by the transport),
 * each aspect a whole-aspect {@code UPSERT}: an ingest writes the whole dataset. Owners, tags and
 * terms of an ingest are {@code PATCH}es that add to what DataHub has, unless {@code semantics:
 * overwrite}. Lineage and owner edits are held until {@link #flush()} and then sent as one
 * {@code PATCH} per dataset and aspect ({@link Patches}), after the datasets have landed: an edit
 * changes only what it names, whatever else DataHub holds (other upstreams, owners added in the UI,
 * writes of other tools), with no read-modify-write that could race with another writer.
 */
final class DataHubAdapter implements CatalogAdapter {
    private static final List<String> DATASET_ASPECTS = GmsReader.ASPECTS.keySet().stream()
            .filter(a -> !a.equals("upstreamLineage"))
            .toList();

    private final DataHubSettings settings;
    private final ObjectMapper json;
    private final DatasetMapping mapping;
    private final DeadLetterFile deadLetters;
    private final GmsHttp http;
    private final GmsReader reader;
    private final Transport transport;
    private final io.lumos.spi.Reporter reporter;
    private final java.util.concurrent.atomic.AtomicLong invalid = new java.util.concurrent.atomic.AtomicLong();

    /** Edges to add at the next flush, by downstream then upstream (the last write of an edge wins). */
    private final Map<DatasetId, Map<DatasetId, LineageEdge>> lineageToAdd = new TreeMap<>();

    /** Every edge sent in this session, by downstream: its column lineage is what a removal takes away. */
    private final Map<DatasetId, Map<DatasetId, LineageEdge>> lineageSent = new TreeMap<>();

    private final Map<DatasetId, Set<DatasetId>> lineageRemovals = new TreeMap<>();
    private final Map<DatasetId, Map<String, Owner>> ownersToAdd = new TreeMap<>();
    private final Map<DatasetId, Set<String>> ownersToRemove = new TreeMap<>();

    /** Off after a read of stored lineage failed: an outage should not cost one timeout per dataset. */
    private boolean readsWork = true;

    DataHubAdapter(DataHubSettings settings, PluginContext context, ObjectMapper json) {
        this.settings = settings;
        this.reporter = context.reporter();
        this.json = json;
        this.mapping = new DatasetMapping(json);
        this.deadLetters = new DeadLetterFile(settings.deadLetter());
        this.http = settings.server() == null ? null : new GmsHttp(settings);
        this.reader = http == null ? null : new GmsReader(http, json);
        this.transport = switch (settings.transport()) {
            case REST -> new RestTransport(settings, http, deadLetters, context.reporter());
            case FILE -> new FileTransport(settings.file());
            case KAFKA -> new KafkaTransport(settings, deadLetters);
        };
    }

    @Override
    public String name() {
        return "datahub";
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(
                Capability.WRITE,
                Capability.LINEAGE,
                Capability.COLUMN_LINEAGE,
                Capability.OWNERSHIP,
                Capability.DELETE,
                Capability.ASSERTION_EVENTS,
                Capability.RUNS,
                Capability.PRODUCTS,
                Capability.LIFECYCLE);
        if (reader != null) {
            c.addAll(EnumSet.of(
                    Capability.READ,
                    Capability.SEARCH,
                    Capability.LINEAGE_READ,
                    Capability.EXPORT,
                    Capability.USAGE_READ,
                    Capability.RUNS_READ));
        }
        return c;
    }

    // ---- write

    /**
     * Each assertion as an {@code assertion} entity (its {@code assertionInfo}, from the newest
     * result) and each result as an {@code assertionRunEvent}, so DataHub's Quality tab shows the
     * history. Run events are timeseries: they are appended, never patched.
     */
    @Override
    public void writeAssertionResults(List<io.lumos.domain.assertion.AssertionResult> results) {
        Map<String, io.lumos.domain.assertion.AssertionResult> newest = new TreeMap<>();
        for (io.lumos.domain.assertion.AssertionResult r : results) {
            newest.merge(
                    AssertionMapping.assertionUrn(r),
                    r,
                    (a, b) -> b.evaluatedAt().isBefore(a.evaluatedAt()) ? a : b);
        }
        try {
            for (Map.Entry<String, io.lumos.domain.assertion.AssertionResult> e : newest.entrySet()) {
                transport.send(
                        Proposal.upsert("assertion", e.getKey(), "assertionInfo", AssertionMapping.info(e.getValue())));
            }
            for (io.lumos.domain.assertion.AssertionResult r : results) {
                transport.send(Proposal.upsert(
                        "assertion",
                        AssertionMapping.assertionUrn(r),
                        "assertionRunEvent",
                        AssertionMapping.runEvent(r)));
            }
        } catch (URISyntaxException e) {
            throw new LumosException(
                    ErrorCode.INTERNAL, "DataHub: an assertion URN could not be built: " + e.getMessage(), e);
        }
    }

    @Override
    public void writeDatasets(List<Dataset> datasets) {
        // mapping and encoding are most of the CPU of a bulk emit: spread them over the cores, in order
        List<List<Proposal>> encoded = (datasets.size() > 8 ? datasets.parallelStream() : datasets.stream())
                .map(this::proposals)
                .toList();
        for (List<Proposal> proposals : encoded) {
            proposals.forEach(transport::send);
        }
    }

    private List<Proposal> proposals(Dataset d) {
        List<Proposal> out = new ArrayList<>();
        try {
            for (DatasetMapping.Aspect a : mapping.aspects(d)) {
                out.add(proposal(a));
            }
        } catch (LumosException | IllegalArgumentException e) {
            // one dataset DataHub cannot take (an environment it does not know, a bad URN): say so, go on
            invalid.incrementAndGet();
            reporter.warn("DataHub: skipped " + d.id().shortName() + ": " + e.getMessage());
            return List.of();
        }
        return out;
    }

    /**
     * Owners, tags and terms of an ingest: with {@code semantics: patch} (the default, as DataHub's
     * transformers) added to what DataHub has, so an ingest does not take away what people added in
     * the UI; with {@code overwrite} the whole aspect. Everything else is Lumos's own: whole aspects.
     */
    private Proposal proposal(DatasetMapping.Aspect a) {
        if (settings.semantics() == DataHubSettings.Semantics.PATCH) {
            Patches patch = null;
            if (a.value() instanceof Ownership o) {
                patch = new Patches().addOwners(o);
            } else if (a.value() instanceof GlobalTags t) {
                patch = new Patches().addTags(t);
            } else if (a.value() instanceof GlossaryTerms t) {
                patch = new Patches().addTerms(t);
            }
            if (patch != null) {
                return Proposal.patch("dataset", a.urn(), a.name(), patch.toString());
            }
        }
        return Proposal.upsert("dataset", a.urn(), a.name(), a.value());
    }

    @Override
    public synchronized void writeProducts(List<DataProduct> products) {
        for (DataProduct p : products) {
            List<Proposal> proposals;
            try {
                proposals = ProductMapping.proposals(p);
            } catch (LumosException | IllegalArgumentException e) {
                invalid.incrementAndGet();
                reporter.warn("DataHub: skipped data product " + p.name() + ": " + e.getMessage());
                continue;
            }
            proposals.forEach(transport::send);
        }
    }

    @Override
    public List<DataProduct> products() {
        throw new LumosException(
                ErrorCode.UNSUPPORTED_OPERATION,
                "data products are written to DataHub but not read back from it; read them from the local catalog "
                        + "(--platform local)");
    }

    /** One whole aspect of a dataset as an UPSERT. */
    private void sendAspect(DatasetId id, String aspect, RecordTemplate value) {
        transport.send(Proposal.upsert("dataset", DatasetMapping.datasetUrn(id).toString(), aspect, value));
    }

    /**
     * The {@code deprecation} and {@code status} aspects, each whole (UPSERT): they hold nothing
     * else, so there is nothing a patch would keep. A removal leaves the deprecation as it is.
     */
    @Override
    public synchronized void setLifecycle(DatasetId dataset, Lifecycle lifecycle) {
        try {
            if (lifecycle.status() != DatasetStatus.REMOVED) {
                sendAspect(dataset, "deprecation", DatasetMapping.deprecation(lifecycle));
            }
            sendAspect(dataset, "status", new Status().setRemoved(lifecycle.status() == DatasetStatus.REMOVED));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e); // the actor URN is a constant
        }
    }

    @Override
    public synchronized void writeLineage(List<LineageEdge> edges) {
        for (LineageEdge e : edges) {
            DatasetMapping.datasetUrn(e.upstream()); // an id DataHub cannot take fails here, not at flush
            DatasetMapping.datasetUrn(e.downstream());
            lineageToAdd.computeIfAbsent(e.downstream(), k -> new TreeMap<>()).put(e.upstream(), e);
            Set<DatasetId> removals = lineageRemovals.get(e.downstream());
            if (removals != null) {
                removals.remove(e.upstream());
            }
        }
    }

    @Override
    public synchronized void removeLineage(DatasetId upstream, DatasetId downstream) {
        Map<DatasetId, LineageEdge> adds = lineageToAdd.get(downstream);
        if (adds != null) {
            adds.remove(upstream);
        }
        lineageRemovals.computeIfAbsent(downstream, k -> new TreeSet<>()).add(upstream);
    }

    @Override
    public synchronized void addOwner(DatasetId dataset, Owner owner) {
        ownersToAdd.computeIfAbsent(dataset, k -> new TreeMap<>()).put(owner.urn() + " " + owner.type(), owner);
        Set<String> removals = ownersToRemove.get(dataset);
        if (removals != null) {
            removals.remove(owner.urn());
        }
    }

    @Override
    public synchronized void removeOwner(DatasetId dataset, String ownerUrn) {
        String urn = Owner.toUrn(ownerUrn);
        ownersToRemove.computeIfAbsent(dataset, k -> new TreeSet<>()).add(urn);
        Map<String, Owner> adds = ownersToAdd.get(dataset);
        if (adds != null) {
            adds.values().removeIf(o -> o.urn().equals(urn));
        }
    }

    @Override
    public synchronized void flush() {
        transport.drain(); // datasets first: owner and lineage edits below build on them
        readsWork = true;
        Set<DatasetId> downstreams = new TreeSet<>(lineageToAdd.keySet());
        downstreams.addAll(lineageRemovals.keySet());
        for (DatasetId down : downstreams) {
            editLineage(
                    down,
                    lineageRemovals.getOrDefault(down, Set.of()),
                    lineageToAdd.getOrDefault(down, Map.of()).values());
        }
        lineageToAdd.clear();
        lineageRemovals.clear();
        Set<DatasetId> ownerEdits = new TreeSet<>(ownersToAdd.keySet());
        ownerEdits.addAll(ownersToRemove.keySet());
        for (DatasetId id : ownerEdits) {
            editOwners(id, ownersToAdd.getOrDefault(id, Map.of()).values(), ownersToRemove.getOrDefault(id, Set.of()));
        }
        ownersToAdd.clear();
        ownersToRemove.clear();
        transport.drain();
    }

    /**
     * One PATCH of a downstream's upstreamLineage: removals first, then additions. JSON Patch cannot
     * say "every column-lineage entry from dataset X", so a removed edge's entries, and the entries
     * a re-declared edge no longer has, are named one by one: those this session wrote, and with a
     * server, those GMS holds (read back: the one place an edit reads). When a read fails (GMS
     * down), the rest of the flush does not read again, and the patch still goes to the transport,
     * which retries and dead-letters it.
     */
    private void editLineage(DatasetId down, Set<DatasetId> removes, java.util.Collection<LineageEdge> adds) {
        String urn = DatasetMapping.datasetUrn(down).toString();
        Patches patch = new Patches();
        List<FineGrainedLineage> stored = storedColumnLineage(down, urn);
        if (!removes.isEmpty()) {
            List<FineGrainedLineage> known = new ArrayList<>(stored);
            for (LineageEdge e : lineageSent.getOrDefault(down, Map.of()).values()) {
                UpstreamLineage ul = DatasetMapping.upstreamLineage(down, List.of(e));
                if (ul.hasFineGrainedLineages()) {
                    known.addAll(ul.getFineGrainedLineages());
                }
            }
            for (DatasetId up : removes) {
                patch.removeEdge(up, known);
                Map<DatasetId, LineageEdge> sent = lineageSent.get(down);
                if (sent != null) {
                    sent.remove(up);
                }
            }
        }
        for (LineageEdge e : adds) {
            patch.removeStaleColumns(down, e, stored);
            patch.addEdge(down, e);
            lineageSent.computeIfAbsent(down, k -> new TreeMap<>()).put(e.upstream(), e);
        }
        if (!patch.isEmpty()) {
            transport.send(Proposal.patch("dataset", urn, "upstreamLineage", patch.toString()));
        }
    }

    /** The column lineage GMS holds for a downstream; none without a server or while it is unreachable. */
    private List<FineGrainedLineage> storedColumnLineage(DatasetId down, String urn) {
        if (reader == null || !readsWork) {
            return List.of();
        }
        try {
            Optional<Map<String, RecordTemplate>> stored = reader.aspects(urn, List.of("upstreamLineage"));
            if (stored.isPresent()
                    && stored.get().get("upstreamLineage") instanceof UpstreamLineage ul
                    && ul.hasFineGrainedLineages()) {
                return new ArrayList<>(ul.getFineGrainedLineages());
            }
            return List.of();
        } catch (LumosException e) {
            readsWork = false;
            reporter.warn("DataHub: could not read the column lineage of " + down.shortName()
                    + " to replace it (" + e.getMessage() + "); edges are sent without removing old column"
                    + " mappings");
            return List.of();
        }
    }

    /** One PATCH of a dataset's ownership: the owners removed, then those added; nothing else changes. */
    private void editOwners(DatasetId id, java.util.Collection<Owner> adds, Set<String> removes) {
        String urn = DatasetMapping.datasetUrn(id).toString();
        try {
            Patches patch = new Patches().removeOwners(removes);
            if (!adds.isEmpty()) {
                patch.addOwners(DatasetMapping.ownership(new ArrayList<>(adds)));
            }
            if (!patch.isEmpty()) {
                transport.send(Proposal.patch("dataset", urn, "ownership", patch.toString()));
            }
        } catch (URISyntaxException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, "owner of " + id.shortName() + ": " + e.getMessage(), e);
        }
    }

    // ---- pipeline runs

    /** A run as dataFlow/dataJob/dataProcessInstance aspects (see {@link RunMapping}); sent at once. */
    @Override
    public void emitRun(io.lumos.spi.run.RunEvent event) {
        for (RunMapping.Aspect a :
                RunMapping.aspects(event, io.lumos.spi.run.PipelineRun.DEFAULT_NAMESPACE, RUN_CLUSTER)) {
            transport.send(Proposal.upsert(a.entityType(), a.urn(), a.name(), a.value()));
        }
    }

    /** The cluster of run entities' URNs, as the Airflow plugin's default. */
    static final String RUN_CLUSTER = "prod";

    // ---- read

    private GmsReader reader(Capability capability) {
        if (reader == null) {
            throw new LumosException(
                    ErrorCode.UNSUPPORTED_OPERATION,
                    "the datahub catalog cannot " + capability.describe() + " without a server; set"
                            + " platforms.datahub.server to read from GMS");
        }
        return reader;
    }

    @Override
    public List<io.lumos.spi.run.RunRecord> runs(io.lumos.spi.run.RunQuery query) {
        reader(Capability.RUNS_READ);
        return new DataHubRuns(http, json).runs(query);
    }

    @Override
    public Optional<io.lumos.spi.run.RunRecord> run(java.util.UUID runId) {
        reader(Capability.RUNS_READ);
        return new DataHubRuns(http, json).run(runId);
    }

    @Override
    public Optional<Dataset> dataset(DatasetId id) {
        return reader(Capability.READ)
                .aspects(DatasetMapping.datasetUrn(id).toString(), DATASET_ASPECTS)
                .filter(DataHubAdapter::isDataset)
                .map(a -> mapping.dataset(id, a));
    }

    private static boolean isDataset(Map<String, RecordTemplate> aspects) {
        return aspects.containsKey("datasetProperties") || aspects.containsKey("schemaMetadata");
    }

    /**
     * DataHub's own usage ({@code datasetUsageStatistics}, from its query-log sources): one sample
     * per bucket, queries counted as reads. One request per dataset.
     */
    @Override
    public List<io.lumos.domain.usage.UsageSample> usage() {
        GmsReader r = reader(Capability.USAGE_READ);
        List<io.lumos.domain.usage.UsageSample> out = new ArrayList<>();
        forEachDataset(d -> {
            for (com.fasterxml.jackson.databind.JsonNode bucket : r.usage(d.id().urn())) {
                Map<String, Long> counters = new TreeMap<>();
                if (bucket.hasNonNull("totalSqlQueries")) {
                    long queries = bucket.get("totalSqlQueries").asLong();
                    counters.put(io.lumos.domain.usage.UsageSample.QUERIES, queries);
                    counters.put(io.lumos.domain.usage.UsageSample.READS, queries);
                }
                if (bucket.hasNonNull("uniqueUserCount")) {
                    counters.put(
                            io.lumos.domain.usage.UsageSample.UNIQUE_USERS,
                            bucket.get("uniqueUserCount").asLong());
                }
                out.add(new io.lumos.domain.usage.UsageSample(
                        d.id(),
                        java.time.Instant.ofEpochMilli(
                                bucket.path("timestampMillis").asLong()),
                        "datahub",
                        counters,
                        Map.of()));
            }
        });
        out.sort(java.util.Comparator.comparing(io.lumos.domain.usage.UsageSample::observedAt)
                .thenComparing(io.lumos.domain.usage.UsageSample::dataset));
        return out;
    }

    @Override
    public void forEachDataset(Consumer<Dataset> consumer) {
        reader(Capability.READ).scroll(DATASET_ASPECTS, (urn, aspects) -> {
            if (isDataset(aspects)) {
                consumer.accept(mapping.dataset(DatasetId.parse(urn, "PROD"), aspects));
            }
        });
    }

    @Override
    public List<Dataset> search(String query, int limit) {
        List<Dataset> out = new ArrayList<>();
        for (String urn : reader(Capability.SEARCH).search(query, limit)) {
            dataset(DatasetId.parse(urn, "PROD")).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<LineageEdge> upstreamEdges(DatasetId id) {
        return reader(Capability.LINEAGE_READ)
                .aspects(DatasetMapping.datasetUrn(id).toString(), List.of("upstreamLineage"))
                .map(a -> a.get("upstreamLineage") instanceof UpstreamLineage ul
                        ? DatasetMapping.edges(id, ul)
                        : List.<LineageEdge>of())
                .orElse(List.of());
    }

    @Override
    public List<LineageEdge> downstreamEdges(DatasetId id) {
        List<LineageEdge> out = new ArrayList<>();
        for (String urn : new TreeSet<>(reader(Capability.LINEAGE_READ)
                .downstreamUrns(DatasetMapping.datasetUrn(id).toString()))) {
            for (LineageEdge e : upstreamEdges(DatasetId.parse(urn, "PROD"))) {
                if (e.upstream().equals(id)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public List<LineageEdge> lineage() {
        List<LineageEdge> out = new ArrayList<>();
        reader(Capability.LINEAGE_READ).scroll(List.of("upstreamLineage"), (urn, aspects) -> {
            if (aspects.get("upstreamLineage") instanceof UpstreamLineage ul) {
                out.addAll(DatasetMapping.edges(DatasetId.parse(urn, "PROD"), ul));
            }
        });
        return out;
    }

    // ---- delivery

    @Override
    public EmitReport report() {
        EmitReport r = transport.report();
        // datasets that could not be encoded count as failed, so the exit code says so
        return new EmitReport(r.sent(), r.retried(), r.failed() + invalid.get(), r.deadLetterFile());
    }

    @Override
    public int replay(List<DeadLetter> letters) {
        long before = transport.report().failed();
        for (DeadLetter letter : letters) {
            if (!"datahub".equals(letter.platform()) || !"mcp".equals(letter.kind())) {
                continue;
            }
            Proposal p;
            try {
                p = Proposal.parse(letter.payload());
            } catch (RuntimeException e) {
                throw new LumosException(
                        ErrorCode.BAD_INPUT,
                        "dead letter for " + letter.target() + " holds no DataHub proposal (" + e.getMessage()
                                + "); was the file edited by hand?");
            }
            transport.send(p);
        }
        transport.drain();
        return (int) (transport.report().failed() - before);
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (!lineageToAdd.isEmpty()
                        || !lineageRemovals.isEmpty()
                        || !ownersToAdd.isEmpty()
                        || !ownersToRemove.isEmpty()) {
                    flush(); // a caller that forgot flush() must not lose lineage or owner edits
                }
            }
            transport.close();
        } finally {
            if (http != null) {
                http.close();
            }
            deadLetters.close();
        }
    }

    DataHubSettings settings() {
        return settings;
    }
}
