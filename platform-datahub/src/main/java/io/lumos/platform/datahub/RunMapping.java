package io.lumos.platform.datahub;

import com.linkedin.common.AuditStamp;
import com.linkedin.common.DatasetUrnArray;
import com.linkedin.common.UrnArray;
import com.linkedin.common.urn.DataFlowUrn;
import com.linkedin.common.urn.DataJobUrn;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.data.template.StringMap;
import com.linkedin.datajob.DataFlowInfo;
import com.linkedin.datajob.DataJobInfo;
import com.linkedin.datajob.DataJobInputOutput;
import com.linkedin.datajob.azkaban.AzkabanJobType;
import com.linkedin.dataprocess.DataProcessInstanceInput;
import com.linkedin.dataprocess.DataProcessInstanceOutput;
import com.linkedin.dataprocess.DataProcessInstanceProperties;
import com.linkedin.dataprocess.DataProcessInstanceRelationships;
import com.linkedin.dataprocess.DataProcessInstanceRunEvent;
import com.linkedin.dataprocess.DataProcessInstanceRunResult;
import com.linkedin.dataprocess.DataProcessRunStatus;
import com.linkedin.dataprocess.DataProcessType;
import com.linkedin.dataprocess.RunResultType;
import io.lumos.domain.DatasetId;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunState;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A pipeline run in DataHub's terms, as its Airflow plugin writes a DAG run: the namespace is a
 * {@code dataFlow} (orchestrator {@value #ORCHESTRATOR}), the job a {@code dataJob} in it with
 * {@code dataJobInfo} and {@code dataJobInputOutput}, and each run a {@code dataProcessInstance}
 * (keyed by the producer's run id) with its properties, relationships (the job as template, the
 * parent run as parent instance), inputs, outputs and a {@code dataProcessInstanceRunEvent} per
 * state: STARTED, then COMPLETE with SUCCESS or FAILURE.
 */
final class RunMapping {
    static final String ORCHESTRATOR = "lumos";

    /** The aspects written here, with DataHub's class for each (the fake GMS parses them back). */
    static final Map<String, Class<? extends RecordTemplate>> ASPECTS = new LinkedHashMap<>();

    static {
        ASPECTS.put("dataFlowInfo", DataFlowInfo.class);
        ASPECTS.put("dataJobInfo", DataJobInfo.class);
        ASPECTS.put("dataJobInputOutput", DataJobInputOutput.class);
        ASPECTS.put("dataProcessInstanceProperties", DataProcessInstanceProperties.class);
        ASPECTS.put("dataProcessInstanceRelationships", DataProcessInstanceRelationships.class);
        ASPECTS.put("dataProcessInstanceInput", DataProcessInstanceInput.class);
        ASPECTS.put("dataProcessInstanceOutput", DataProcessInstanceOutput.class);
        ASPECTS.put("dataProcessInstanceRunEvent", DataProcessInstanceRunEvent.class);
    }

    private RunMapping() {}

    /** One aspect of one entity. */
    record Aspect(String entityType, String urn, String name, RecordTemplate value) {}

    static DataFlowUrn flowUrn(String namespace, String cluster) {
        return new DataFlowUrn(ORCHESTRATOR, namespace, cluster);
    }

    static DataJobUrn jobUrn(String namespace, String job, String cluster) {
        return new DataJobUrn(flowUrn(namespace, cluster), job);
    }

    static Urn instanceUrn(UUID runId) {
        try {
            return Urn.createFromString("urn:li:dataProcessInstance:" + runId);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e); // a UUID always makes a valid URN
        }
    }

    /**
     * The aspects one run event writes: the flow, job and instance on START (and again on the end,
     * so a run whose START was lost still lands whole), the instance's properties and a run event on
     * every state.
     */
    // dataJobInputOutput's inputDatasets/outputDatasets are deprecated for the Edge lists but still
    // required by its schema (DataJobInputOutput.pdl, datahub-client 0.15): an aspect without them is invalid
    @SuppressWarnings("deprecation")
    static List<Aspect> aspects(RunEvent e, String defaultNamespace, String cluster) {
        String namespace = e.namespaceOr(defaultNamespace);
        DataFlowUrn flow = flowUrn(namespace, cluster);
        DataJobUrn job = jobUrn(namespace, e.job(), cluster);
        Urn instance = instanceUrn(e.runId());
        List<Aspect> out = new ArrayList<>();
        if (e.state() == RunState.START || e.state().isTerminal()) {
            out.add(new Aspect("dataFlow", flow.toString(), "dataFlowInfo", new DataFlowInfo().setName(namespace)));
            out.add(new Aspect(
                    "dataJob",
                    job.toString(),
                    "dataJobInfo",
                    new DataJobInfo()
                            .setName(e.job())
                            .setType(DataJobInfo.Type.create(AzkabanJobType.COMMAND))
                            .setFlowUrn(flow)));
            out.add(new Aspect(
                    "dataJob",
                    job.toString(),
                    "dataJobInputOutput",
                    new DataJobInputOutput()
                            .setInputDatasets(datasetUrns(e.inputs()))
                            .setOutputDatasets(datasetUrns(e.outputs()))));
            DataProcessInstanceRelationships rel = new DataProcessInstanceRelationships()
                    .setParentTemplate(job)
                    .setUpstreamInstances(new UrnArray());
            if (e.parent() != null) {
                rel.setParentInstance(instanceUrn(e.parent().runId()));
            }
            out.add(new Aspect("dataProcessInstance", instance.toString(), "dataProcessInstanceRelationships", rel));
            out.add(new Aspect(
                    "dataProcessInstance",
                    instance.toString(),
                    "dataProcessInstanceInput",
                    new DataProcessInstanceInput().setInputs(urns(e.inputs()))));
            out.add(new Aspect(
                    "dataProcessInstance",
                    instance.toString(),
                    "dataProcessInstanceOutput",
                    new DataProcessInstanceOutput().setOutputs(urns(e.outputs()))));
        }
        out.add(new Aspect(
                "dataProcessInstance", instance.toString(), "dataProcessInstanceProperties", properties(e, namespace)));
        out.add(new Aspect("dataProcessInstance", instance.toString(), "dataProcessInstanceRunEvent", runEvent(e)));
        return out;
    }

    private static DataProcessInstanceProperties properties(RunEvent e, String namespace) {
        StringMap custom = new StringMap();
        custom.put("runId", e.runId().toString());
        custom.put("namespace", namespace);
        custom.put("job", e.job());
        custom.put("state", e.state().name());
        if (e.exitCode() != null) {
            custom.put("exitCode", e.exitCode().toString());
        }
        if (e.error() != null) {
            custom.put("error", e.error().describe());
        }
        if (e.parent() != null) {
            custom.put("parent", e.parent().toString());
        }
        if (e.duration() != null) {
            custom.put("durationMs", Long.toString(e.duration().toMillis()));
        }
        e.args().forEach((k, v) -> custom.put("arg." + k, v));
        try {
            return new DataProcessInstanceProperties()
                    .setName(e.runId().toString())
                    .setType(DataProcessType.BATCH_AD_HOC)
                    .setCreated(new AuditStamp()
                            .setTime(e.startedAt().toEpochMilli())
                            .setActor(Urn.createFromString("urn:li:corpuser:" + PipelineRun.DEFAULT_NAMESPACE)))
                    .setCustomProperties(custom);
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static DataProcessInstanceRunEvent runEvent(RunEvent e) {
        DataProcessInstanceRunEvent run = new DataProcessInstanceRunEvent()
                .setTimestampMillis(e.eventTime().toEpochMilli())
                .setAttempt(1);
        if (!e.state().isTerminal()) {
            return run.setStatus(DataProcessRunStatus.STARTED);
        }
        RunResultType type =
                switch (e.state()) {
                    case COMPLETE -> RunResultType.SUCCESS;
                    case ABORT -> RunResultType.SKIPPED;
                    default -> RunResultType.FAILURE;
                };
        run.setStatus(DataProcessRunStatus.COMPLETE)
                .setResult(new DataProcessInstanceRunResult()
                        .setType(type)
                        .setNativeResultType(e.state().name().toLowerCase(Locale.ROOT)));
        if (e.duration() != null) {
            run.setDurationMillis(e.duration().toMillis());
        }
        return run;
    }

    private static DatasetUrnArray datasetUrns(List<DatasetId> ids) {
        DatasetUrnArray out = new DatasetUrnArray();
        ids.forEach(id -> out.add(DatasetMapping.datasetUrn(id)));
        return out;
    }

    private static UrnArray urns(List<DatasetId> ids) {
        UrnArray out = new UrnArray();
        ids.forEach(id -> out.add(DatasetMapping.datasetUrn(id)));
        return out;
    }
}
