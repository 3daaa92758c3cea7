package io.lumos.platform.marquez;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.run.RunEvent;
import io.openlineage.client.OpenLineage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the OpenLineage events we send, with openlineage-java's builders. */
final class OpenLineageBuilders {
    private final OpenLineage ol;
    private final FacetMapper mapper;
    private final MarquezNames naming;

    OpenLineageBuilders(FacetMapper mapper, MarquezNames naming) {
        this.ol = mapper.openLineage();
        this.mapper = mapper;
        this.naming = naming;
    }

    static ZonedDateTime time(Instant t) {
        return ZonedDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** A dataset with its full facet set. */
    OpenLineage.DatasetEvent dataset(Dataset d, Instant now) {
        MarquezNames.Ref ref = naming.ref(d.id());
        Instant t = d.version() != null ? d.version().timestamp() : now;
        return ol.newDatasetEventBuilder()
                .eventTime(time(t))
                .dataset(ol.newStaticDataset(
                        ref.namespace(), ref.name(), mapper.fullFacets(d).build()))
                .build();
    }

    /**
     * Assertion results of one dataset: a completed run of the dataset's assertions job that reads
     * the dataset, its results in the {@code dataQualityAssertions} input facet. {@code mention} are
     * the dataset facets an input carries (without documentation Marquez would wipe the description).
     */
    OpenLineage.RunEvent assertions(
            DatasetId id, OpenLineage.DatasetFacets mention, List<io.lumos.domain.assertion.AssertionResult> results) {
        MarquezNames.Ref ref = naming.ref(id);
        Instant at = results.stream()
                .map(io.lumos.domain.assertion.AssertionResult::evaluatedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        OpenLineage.Job job = ol.newJob(
                naming.jobNamespace(),
                "assertions." + ref.namespace() + "." + ref.name(),
                ol.newJobFacetsBuilder()
                        .jobType(ol.newJobTypeJobFacet("BATCH", "LUMOS", "ASSERTIONS", null))
                        .documentation(ol.newDocumentationJobFacet(
                                "Assertions on " + id.urn() + " checked by Lumos against its metadata", "text/plain"))
                        .build());
        return ol.newRunEventBuilder()
                .eventTime(time(at))
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .run(ol.newRun(MarquezNames.uuidOf("assertions", ref.key(), at.toString()), null))
                .job(job)
                .inputs(List.of(ol.newInputDataset(
                        ref.namespace(),
                        ref.name(),
                        mention,
                        ol.newInputDatasetInputFacetsBuilder()
                                .dataQualityAssertions(mapper.dataQualityAssertions(results))
                                .build())))
                .outputs(List.of())
                .build();
    }

    /** One of our versions, as a completed run of the dataset's version job (a distinct Marquez version). */
    OpenLineage.RunEvent version(Dataset atVersion, DatasetVersion v) {
        return version(atVersion, v, v.timestamp());
    }

    /** The same, stamped {@code at} (over http: after what Marquez holds of the dataset). */
    OpenLineage.RunEvent version(Dataset atVersion, DatasetVersion v, Instant at) {
        Dataset d = atVersion.withVersion(v);
        MarquezNames.Ref ref = naming.ref(d.id());
        UUID runId = MarquezNames.uuidOf("version", ref.key(), v.cloudVersion());
        OpenLineage.Job job = ol.newJob(
                naming.jobNamespace(),
                naming.versionJob(ref),
                ol.newJobFacetsBuilder()
                        .jobType(ol.newJobTypeJobFacet("BATCH", "LUMOS", "VERSION", null))
                        .documentation(ol.newDocumentationJobFacet(
                                "Versions of " + d.id().urn() + " recorded by Lumos", "text/plain"))
                        .build());
        return ol.newRunEventBuilder()
                .eventTime(time(at))
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .run(ol.newRun(runId, null))
                .job(job)
                .inputs(List.of())
                .outputs(List.of(ol.newOutputDataset(
                        ref.namespace(), ref.name(), mapper.fullFacets(d).build(), null)))
                .build();
    }

    OpenLineage.Job lineageJob(MarquezNames.Ref down, DatasetId downstream, List<LineageEdge> edges) {
        LumosFacet facet = mapper.lumosFacet();
        facet.getAdditionalProperties().put("downstream", downstream.urn());
        List<Map<String, Object>> list = new ArrayList<>();
        for (LineageEdge e : edges) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("upstream", e.upstream().urn());
            m.put("type", e.type().name());
            m.put("confidence", e.confidence());
            if (e.createdAt() != null) {
                m.put("createdAt", e.createdAt().toString());
            }
            if (e.createdBy() != null) {
                m.put("createdBy", e.createdBy());
            }
            if (!e.columns().isEmpty()) {
                List<Map<String, Object>> cols = new ArrayList<>();
                for (ColumnMapping c : e.columns()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("upstream", c.upstreamColumns());
                    cm.put("downstream", c.downstreamColumn());
                    if (c.transformation() != null) {
                        cm.put("transformation", c.transformation());
                    }
                    if (c.transformationType() != null) {
                        cm.put("transformationType", c.transformationType());
                    }
                    if (c.transformationSubtype() != null) {
                        cm.put("transformationSubtype", c.transformationSubtype());
                    }
                    cols.add(cm);
                }
                m.put("columns", cols);
            }
            list.add(m);
        }
        facet.getAdditionalProperties().put("edges", list);
        return ol.newJob(
                naming.jobNamespace(),
                naming.lineageJob(down),
                ol.newJobFacetsBuilder()
                        .jobType(ol.newJobTypeJobFacet("BATCH", "LUMOS", "LINEAGE", null))
                        .documentation(ol.newDocumentationJobFacet(
                                "Lineage into " + downstream.urn() + " declared with Lumos", "text/plain"))
                        .put(FacetMapper.LUMOS, facet)
                        .build());
    }

    /** Dataset lineage: the synthetic job of the downstream, reading every upstream. */
    OpenLineage.JobEvent lineage(
            OpenLineage.Job job, List<OpenLineage.InputDataset> inputs, OpenLineage.OutputDataset output, Instant now) {
        return ol.newJobEventBuilder()
                .eventTime(time(now))
                .job(job)
                .inputs(inputs)
                .outputs(List.of(output))
                .build();
    }

    /** Column lineage: Marquez stores it only from a run whose inputs and output are in the same event. */
    OpenLineage.RunEvent columnLineage(
            OpenLineage.Job job,
            UUID runId,
            List<OpenLineage.InputDataset> inputs,
            OpenLineage.OutputDataset output,
            Instant now) {
        return ol.newRunEventBuilder()
                .eventTime(time(now))
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .run(ol.newRun(runId, null))
                .job(job)
                .inputs(inputs)
                .outputs(List.of(output))
                .build();
    }

    /** A pipeline run's state change. */
    OpenLineage.RunEvent pipeline(
            RunEvent e, List<OpenLineage.InputDataset> inputs, List<OpenLineage.OutputDataset> outputs) {
        OpenLineage.RunFacetsBuilder rf = ol.newRunFacetsBuilder();
        LumosFacet facet = mapper.lumosFacet();
        facet.getAdditionalProperties().put("startedAt", e.startedAt().toString());
        if (e.duration() != null) {
            facet.getAdditionalProperties().put("durationMs", e.duration().toMillis());
        }
        if (!e.args().isEmpty()) {
            facet.getAdditionalProperties().put("args", new java.util.TreeMap<>(e.args()));
        }
        rf.put(FacetMapper.LUMOS, facet);
        if (e.exitCode() != null) {
            facet.getAdditionalProperties().put("exitCode", e.exitCode());
        }
        if (e.error() != null) {
            // a command run by `lumos run` fails with an exit code and its stderr, not a Java exception
            boolean command = e.error().stackTrace() == null
                    && e.error().exceptionClass() != null
                    && e.error().exceptionClass().startsWith(RunEvent.RunError.COMMAND_EXIT);
            rf.errorMessage(ol.newErrorMessageRunFacet(
                    e.error().describe(), command ? "shell" : "JAVA", e.error().stackTrace()));
        }
        if (e.parent() != null) {
            rf.parent(ol.newParentRunFacetBuilder()
                    .run(ol.newParentRunFacetRunBuilder()
                            .runId(e.parent().runId())
                            .build())
                    .job(ol.newParentRunFacetJobBuilder()
                            .namespace(e.parent().namespace())
                            .name(e.parent().job())
                            .build())
                    .build());
        }
        OpenLineage.Job job = ol.newJob(
                e.namespaceOr(naming.jobNamespace()),
                e.job(),
                ol.newJobFacetsBuilder()
                        .jobType(ol.newJobTypeJobFacet("BATCH", "LUMOS", "JOB", null))
                        .build());
        return ol.newRunEventBuilder()
                .eventTime(time(e.eventTime()))
                .eventType(OpenLineage.RunEvent.EventType.valueOf(e.state().name()))
                .run(ol.newRun(e.runId(), rf.build()))
                .job(job)
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }
}
