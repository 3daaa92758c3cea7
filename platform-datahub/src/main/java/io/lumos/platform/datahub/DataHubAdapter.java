package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linkedin.common.Ownership;
import com.linkedin.common.Status;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.dataset.UpstreamLineage;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.DeadLetterFile;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * DataHub as a Lumos catalog. Datasets stream out as they are written (batched by the transport);
 * lineage and owner edits are held until {@link #flush()}, because DataHub keeps all upstreams of
 * a dataset in one aspect and all owners in another: each is sent whole, once, after the
 * datasets have landed.
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

    /** Every edge written in this session, by downstream: DataHub's upstreamLineage is replaced whole. */
    private final Map<DatasetId, Map<DatasetId, LineageEdge>> lineage = new TreeMap<>();

    private final Set<DatasetId> lineageToSend = new TreeSet<>();
    private final Map<DatasetId, Set<DatasetId>> lineageRemovals = new TreeMap<>();
    private final Map<DatasetId, List<Owner>> ownersToAdd = new TreeMap<>();
    private final Map<DatasetId, Set<String>> ownersToRemove = new TreeMap<>();

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
                Capability.PRODUCTS,
                Capability.LIFECYCLE);
        if (reader != null) {
            c.addAll(EnumSet.of(Capability.READ, Capability.SEARCH, Capability.LINEAGE_READ, Capability.EXPORT));
        }
        return c;
    }

    // ---- write

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
                out.add(Proposal.upsert("dataset", a.urn(), a.name(), a.value()));
            }
        } catch (LumosException | IllegalArgumentException e) {
            // one dataset DataHub cannot take (an environment it does not know, a bad URN): say so, go on
            invalid.incrementAndGet();
            reporter.warn("DataHub: skipped " + d.id().shortName() + ": " + e.getMessage());
            return List.of();
        }
        return out;
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
            lineage.computeIfAbsent(e.downstream(), k -> new TreeMap<>()).put(e.upstream(), e);
            lineageToSend.add(e.downstream());
            Set<DatasetId> removals = lineageRemovals.get(e.downstream());
            if (removals != null) {
                removals.remove(e.upstream());
            }
        }
    }

    @Override
    public synchronized void removeLineage(DatasetId upstream, DatasetId downstream) {
        Map<DatasetId, LineageEdge> ups = lineage.get(downstream);
        if (ups != null && ups.remove(upstream) != null) {
            lineageToSend.add(downstream);
        }
        // it may also be stored in DataHub from an earlier run
        lineageRemovals.computeIfAbsent(downstream, k -> new TreeSet<>()).add(upstream);
    }

    @Override
    public synchronized void addOwner(DatasetId dataset, Owner owner) {
        ownersToAdd.computeIfAbsent(dataset, k -> new ArrayList<>()).add(owner);
        Set<String> removals = ownersToRemove.get(dataset);
        if (removals != null) {
            removals.remove(owner.urn());
        }
    }

    @Override
    public synchronized void removeOwner(DatasetId dataset, String ownerUrn) {
        String urn = Owner.toUrn(ownerUrn);
        ownersToRemove.computeIfAbsent(dataset, k -> new TreeSet<>()).add(urn);
        List<Owner> adds = ownersToAdd.get(dataset);
        if (adds != null) {
            adds.removeIf(o -> o.urn().equals(urn));
        }
    }

    @Override
    public synchronized void flush() {
        transport.drain(); // datasets first: owner and lineage edits below build on them
        for (DatasetId down : lineageToSend) {
            List<LineageEdge> edges =
                    new ArrayList<>(lineage.getOrDefault(down, Map.of()).values());
            sendAspect(down, "upstreamLineage", DatasetMapping.upstreamLineage(down, edges));
            lineageRemovals.remove(down);
        }
        lineageToSend.clear();
        for (Map.Entry<DatasetId, Set<DatasetId>> e : lineageRemovals.entrySet()) {
            removeStoredUpstreams(e.getKey(), e.getValue());
        }
        lineageRemovals.clear();
        Set<DatasetId> ownerEdits = new TreeSet<>(ownersToAdd.keySet());
        ownerEdits.addAll(ownersToRemove.keySet());
        for (DatasetId id : ownerEdits) {
            editOwners(id, ownersToAdd.getOrDefault(id, List.of()), ownersToRemove.getOrDefault(id, Set.of()));
        }
        ownersToAdd.clear();
        ownersToRemove.clear();
        transport.drain();
    }

    private void sendAspect(DatasetId id, String aspect, RecordTemplate value) {
        transport.send(Proposal.upsert("dataset", DatasetMapping.datasetUrn(id).toString(), aspect, value));
    }

    private void removeStoredUpstreams(DatasetId down, Set<DatasetId> ups) {
        String urn = DatasetMapping.datasetUrn(down).toString();
        if (reader != null) {
            // with a server: read, edit, write back the whole aspect (deterministic, unlike a patch)
            Optional<Map<String, RecordTemplate>> stored = reader.aspects(urn, List.of("upstreamLineage"));
            if (stored.isEmpty() || !(stored.get().get("upstreamLineage") instanceof UpstreamLineage ul)) {
                return;
            }
            List<LineageEdge> keep = DatasetMapping.edges(down, ul).stream()
                    .filter(e -> !ups.contains(e.upstream()))
                    .toList();
            sendAspect(down, "upstreamLineage", DatasetMapping.upstreamLineage(down, keep));
            return;
        }
        ArrayNode ops = json.createArrayNode();
        for (DatasetId up : ups) {
            ops.addObject()
                    .put("op", "remove")
                    .put(
                            "path",
                            "/upstreams/"
                                    + pointer(DatasetMapping.datasetUrn(up).toString()));
        }
        transport.send(Proposal.patch("dataset", urn, "upstreamLineage", ops.toString()));
    }

    private void editOwners(DatasetId id, List<Owner> adds, Set<String> removes) {
        String urn = DatasetMapping.datasetUrn(id).toString();
        try {
            if (reader != null) {
                Set<Owner> owners = new LinkedHashSet<>();
                Optional<Map<String, RecordTemplate>> stored = reader.aspects(urn, List.of("ownership"));
                if (stored.isPresent() && stored.get().get("ownership") instanceof Ownership o) {
                    for (com.linkedin.common.Owner owner : o.getOwners()) {
                        owners.add(DatasetMapping.owner(owner));
                    }
                }
                owners.addAll(adds);
                owners.removeIf(o -> removes.contains(o.urn()));
                sendAspect(id, "ownership", DatasetMapping.ownership(new ArrayList<>(owners)));
                return;
            }
            // no server to read from (file, kafka): a JSON patch that GMS applies to what it has
            ArrayNode ops = json.createArrayNode();
            for (String r : removes) {
                ops.addObject().put("op", "remove").put("path", "/owners/" + pointer(r));
            }
            for (Owner o : adds) {
                com.linkedin.common.Owner owner = DatasetMapping.owner(o);
                ObjectNode op = ops.addObject()
                        .put("op", "add")
                        .put(
                                "path",
                                "/owners/" + pointer(o.urn()) + "/"
                                        + owner.getType().name());
                op.set("value", json.readTree(RecordUtils.toJsonString(owner)));
            }
            transport.send(Proposal.patch("dataset", urn, "ownership", ops.toString()));
        } catch (URISyntaxException | IOException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, "owner of " + id.shortName() + ": " + e.getMessage(), e);
        }
    }

    /** RFC 6901: '~' and '/' inside a JSON pointer segment. */
    static String pointer(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

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
    public Optional<Dataset> dataset(DatasetId id) {
        return reader(Capability.READ)
                .aspects(DatasetMapping.datasetUrn(id).toString(), DATASET_ASPECTS)
                .filter(DataHubAdapter::isDataset)
                .map(a -> mapping.dataset(id, a));
    }

    private static boolean isDataset(Map<String, RecordTemplate> aspects) {
        return aspects.containsKey("datasetProperties") || aspects.containsKey("schemaMetadata");
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
                if (!lineageToSend.isEmpty()
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
