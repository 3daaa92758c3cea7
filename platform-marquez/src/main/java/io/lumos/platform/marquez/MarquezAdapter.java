package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.run.RunEvent;
import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Marquez catalog over OpenLineage. Datasets stream out as DatasetEvents (full facet set every
 * time); lineage is buffered until {@link #flush()} so that each downstream gets one JobEvent with
 * all its upstreams (Marquez replaces a job's inputs), plus one COMPLETE RunEvent with a
 * deterministic run id when it has column lineage (Marquez stores column lineage only from runs).
 * Reads use Marquez's REST API and do on our side what it cannot (direction, search, filtering).
 *
 * <p>This class is the SPI's face and hands each call to the part that does it: {@link
 * DatasetWriter} (datasets, versions, event times), {@link LineageWriter} (lineage merge and send),
 * {@link DatasetReader} (datasets and search), {@link LineageReader} (lineage reads) and {@link
 * VersionReader} (our version records), sharing one {@link MarquezSession}.
 */
public final class MarquezAdapter implements CatalogAdapter {
    static final String NAME = "marquez";
    /** The namespace Marquez always has (and files events without a namespace under). */
    static final String DEFAULT_NAMESPACE = "default";

    private final MarquezSession session;
    private final DatasetWriter datasetWriter;
    private final LineageWriter lineageWriter;
    private final DatasetReader datasetReader;
    private final LineageReader lineageReader;
    private final VersionReader versionReader;

    MarquezAdapter(MarquezSettings settings, PluginContext context, PrintStream console) {
        this.session = new MarquezSession(settings, context, console);
        this.versionReader = new VersionReader(session);
        this.datasetReader = new DatasetReader(session, versionReader);
        this.lineageReader = new LineageReader(session, datasetReader);
        this.datasetWriter = new DatasetWriter(session);
        this.lineageWriter = new LineageWriter(session, lineageReader);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> c = EnumSet.of(
                Capability.WRITE,
                Capability.LINEAGE,
                Capability.COLUMN_LINEAGE,
                Capability.RUNS,
                Capability.ASSERTION_EVENTS);
        if (session.http != null) {
            c.addAll(List.of(
                    Capability.READ,
                    Capability.SEARCH,
                    Capability.LINEAGE_READ,
                    Capability.EXPORT,
                    Capability.VERSIONS,
                    Capability.RUNS_READ));
            if (session.settings.transport() == MarquezSettings.Transport.HTTP) {
                c.addAll(List.of(Capability.OWNERSHIP, Capability.DELETE));
            }
        }
        return c;
    }

    public MarquezSettings settings() {
        return session.settings;
    }

    private void requireCapability(Capability c) {
        if (!can(c)) {
            throw LumosException.unsupported(NAME, c);
        }
    }

    // ================================================================== write

    @Override
    public void writeDatasets(List<Dataset> datasets) {
        datasetWriter.writeDatasets(datasets);
    }

    @Override
    public void writeLineage(List<LineageEdge> edges) {
        if (lineageWriter.add(edges)) {
            flush();
        }
    }

    @Override
    public void removeLineage(DatasetId upstream, DatasetId downstream) {
        requireCapability(Capability.DELETE);
        lineageWriter.remove(upstream, downstream);
    }

    @Override
    public void addOwner(DatasetId dataset, Owner owner) {
        requireCapability(Capability.OWNERSHIP);
        Dataset d = current(dataset);
        List<Owner> owners = new ArrayList<>(d.owners());
        owners.removeIf(o -> o.urn().equals(owner.urn()));
        owners.add(owner);
        writeDatasets(List.of(d.withOwners(owners)));
        session.emitter.awaitIdle();
    }

    @Override
    public void removeOwner(DatasetId dataset, String ownerUrn) {
        requireCapability(Capability.DELETE);
        Dataset d = current(dataset);
        String urn = Owner.toUrn(ownerUrn);
        List<Owner> owners = new ArrayList<>(d.owners());
        if (owners.removeIf(o -> o.urn().equals(urn))) {
            writeDatasets(List.of(d.withOwners(owners)));
            session.emitter.awaitIdle();
        }
    }

    private Dataset current(DatasetId id) {
        session.emitter.awaitIdle();
        return dataset(id)
                .orElseThrow(() -> new LumosException(
                        ErrorCode.UNKNOWN_DATASET,
                        "Marquez has no dataset " + id.shortName() + "; ingest it first or check the id"));
    }

    @Override
    public void writeVersion(Dataset datasetAtVersion, DatasetVersion version) {
        datasetWriter.writeVersion(datasetAtVersion, version);
    }

    @Override
    public long nextVersionCounter() {
        requireCapability(Capability.VERSIONS);
        return versionReader.nextVersionCounter(this::datasets);
    }

    @Override
    public void emitRun(RunEvent e) {
        MarquezNames naming = session.naming;
        OpenLineage ol = session.mapper.openLineage();
        List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        for (DatasetId id : e.inputs()) {
            MarquezNames.Ref r = naming.ref(id);
            inputs.add(ol.newInputDataset(r.namespace(), r.name(), lineageWriter.facetsFor(id, false, null), null));
        }
        List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
        for (DatasetId id : e.outputs()) {
            MarquezNames.Ref r = naming.ref(id);
            // a run's output gets a new Marquez version that shows only this event's facets: send them all
            outputs.add(ol.newOutputDataset(r.namespace(), r.name(), lineageWriter.facetsFor(id, true, null), null));
        }
        session.emitter.submit(new Emitter.Envelope(
                "run:" + e.runId(),
                "RunEvent",
                e.job(),
                EventJson.toJson(session.events.pipeline(e, inputs, outputs))));
    }

    @Override
    public List<io.lumos.spi.run.RunRecord> runs(io.lumos.spi.run.RunQuery query) {
        return new MarquezRuns(session.reader(Capability.RUNS_READ), session.naming).runs(query);
    }

    @Override
    public Optional<io.lumos.spi.run.RunRecord> run(java.util.UUID runId) {
        return new MarquezRuns(session.reader(Capability.RUNS_READ), session.naming).run(runId);
    }

    @Override
    public void flush() {
        session.emitter.awaitIdle();
        datasetWriter.hideVersionJobs();
        lineageWriter.flush();
    }

    /** Assertion results: per dataset, one run whose input carries them (see {@link OpenLineageBuilders#assertions}). */
    @Override
    public void writeAssertionResults(List<io.lumos.domain.assertion.AssertionResult> results) {
        lineageWriter.assertions(results);
    }

    // ================================================================== read

    @Override
    public Optional<Dataset> dataset(DatasetId id) {
        return datasetReader.dataset(id);
    }

    @Override
    public void forEachDataset(Consumer<Dataset> consumer) {
        datasetReader.forEachDataset(consumer);
    }

    @Override
    public List<Dataset> search(String query, int limit) {
        return datasetReader.search(query, limit);
    }

    @Override
    public List<LineageEdge> upstreamEdges(DatasetId id) {
        return lineageReader.upstreamEdges(id);
    }

    @Override
    public List<LineageEdge> downstreamEdges(DatasetId id) {
        return lineageReader.downstreamEdges(id);
    }

    @Override
    public List<LineageEdge> lineage() {
        return lineageReader.lineage();
    }

    @Override
    public List<DatasetVersion> versions(DatasetId id) {
        return versionReader.versions(id);
    }

    @Override
    public Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        return versionReader.datasetAtVersion(id, version);
    }

    // ================================================================== delivery

    @Override
    public EmitReport report() {
        return session.emitter.report();
    }

    @Override
    public int replay(List<DeadLetter> letters) {
        Emitter emitter = session.emitter;
        long before = emitter.failed.get();
        boolean live = session.readsBeforeWrites();
        for (DeadLetter l : letters) {
            if (!NAME.equals(l.platform())) {
                continue;
            }
            String key = l.target() == null ? l.kind() : l.target();
            String payload = l.payload();
            if (live && "RunEvent".equals(l.kind())) {
                String job = versionJobOf(payload);
                if (job != null) {
                    session.versionJobs.add(job);
                }
            }
            if (live && ("JobEvent".equals(l.kind()) || "RunEvent".equals(l.kind()))) {
                emitter.submit(new Emitter.Envelope(
                        key, l.kind(), l.target(), payload, () -> lineageWriter.withStoredInputs(payload)));
            } else {
                emitter.submit(new Emitter.Envelope(key, l.kind(), l.target(), payload));
            }
        }
        emitter.awaitIdle();
        datasetWriter.hideVersionJobs();
        return (int) (emitter.failed.get() - before);
    }

    /** The name of our version job a RunEvent ran, or null. */
    private String versionJobOf(String json) {
        try {
            JsonNode job = FacetMapper.JSON.readTree(json).path("job");
            String name = job.path("name").asText("");
            return session.naming.jobNamespace().equals(job.path("namespace").asText()) && name.startsWith("version.")
                    ? name
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            session.close();
        }
    }
}
