package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.datajob.DataJobInfo;
import com.linkedin.datajob.DataJobInputOutput;
import com.linkedin.dataprocess.DataProcessInstanceProperties;
import com.linkedin.dataprocess.DataProcessInstanceRelationships;
import com.linkedin.dataprocess.DataProcessInstanceRunEvent;
import com.linkedin.dataprocess.DataProcessRunStatus;
import com.linkedin.dataprocess.RunResultType;
import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunSpec;
import io.lumos.spi.run.RunTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pipeline runs as DataHub's Airflow plugin writes DAG runs, against the fake GMS. */
class DataHubRunsTest extends FakeGmsTest {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("s3", "lake/daily");
    private static final ObjectMapper JSON = new ObjectMapper();

    private <T extends com.linkedin.data.template.RecordTemplate> T aspect(String urn, String name, Class<T> type) {
        String value = gms.aspectsOf(urn).get(name);
        assertThat(value).as(urn + " " + name).isNotNull();
        return RecordUtils.toRecordTemplate(type, value);
    }

    /** Every run event that reached GMS for an instance, in order (a timeseries aspect keeps them all). */
    private List<DataProcessInstanceRunEvent> runEvents(String urn) throws Exception {
        List<DataProcessInstanceRunEvent> out = new ArrayList<>();
        for (String p : gms.proposals) {
            JsonNode n = JSON.readTree(p);
            if (n.path("entityUrn").asText().equals(urn)
                    && n.path("aspectName").asText().equals("dataProcessInstanceRunEvent")) {
                out.add(RecordUtils.toRecordTemplate(
                        DataProcessInstanceRunEvent.class,
                        n.path("aspect").path("value").asText()));
            }
        }
        return out;
    }

    @Test
    void aRunIsAFlowAJobAndAProcessInstanceWithItsRunEvents() throws Exception {
        UUID parent = UUID.randomUUID();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.can(Capability.RUNS)).isTrue();
            RunTracker tracker = new RunTracker(List.of(a));
            PipelineRun started;
            try (PipelineRun run = tracker.start(new RunSpec(
                    "nightly",
                    "etl",
                    List.of(ORDERS),
                    List.of(DAILY),
                    Map.of(),
                    new ParentRun("etl", "outer", parent)))) {
                started = run;
                run.fail(2, "no such table");
            }
            assertThat(gms.problems).isEmpty();
            String flow = "urn:li:dataFlow:(lumos,etl,prod)";
            String job = "urn:li:dataJob:(" + flow + ",nightly)";
            String instance = "urn:li:dataProcessInstance:" + started.runId();
            assertThat(gms.aspectsOf(flow)).containsKey("dataFlowInfo");
            DataJobInfo info = aspect(job, "dataJobInfo", DataJobInfo.class);
            assertThat(info.getName()).isEqualTo("nightly");
            assertThat(info.getFlowUrn().toString()).isEqualTo(flow);
            DataJobInputOutput io = aspect(job, "dataJobInputOutput", DataJobInputOutput.class);
            assertThat(io.getInputDatasets())
                    .extracting(Object::toString)
                    .containsExactly("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)");
            assertThat(io.getOutputDatasets())
                    .extracting(Object::toString)
                    .containsExactly("urn:li:dataset:(urn:li:dataPlatform:s3,lake/daily,PROD)");
            DataProcessInstanceRelationships rel =
                    aspect(instance, "dataProcessInstanceRelationships", DataProcessInstanceRelationships.class);
            assertThat(rel.getParentTemplate().toString()).isEqualTo(job);
            assertThat(rel.getParentInstance().toString()).isEqualTo("urn:li:dataProcessInstance:" + parent);
            DataProcessInstanceProperties props =
                    aspect(instance, "dataProcessInstanceProperties", DataProcessInstanceProperties.class);
            assertThat(props.getCustomProperties())
                    .containsEntry("exitCode", "2")
                    .containsEntry("error", "exit code 2: no such table")
                    .containsEntry("state", "FAIL");
            List<DataProcessInstanceRunEvent> events = runEvents(instance);
            assertThat(events)
                    .extracting(DataProcessInstanceRunEvent::getStatus)
                    .containsExactly(DataProcessRunStatus.STARTED, DataProcessRunStatus.COMPLETE);
            assertThat(events.get(1).getResult().getType()).isEqualTo(RunResultType.FAILURE);
            assertThat(events.get(1).getDurationMillis()).isNotNull();
            // run-only datasets are referenced, never read back as datasets with no fields
            assertThat(a.dataset(DAILY)).isEmpty();
            assertThat(a.datasets()).isEmpty();
        }
    }
}
