package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.mxe.MetadataChangeProposal;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.LumosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file transport: the MCP JSON list that `datahub ingest` loads with its file source. */
class DataHubFileTransportTest {
    @TempDir
    Path dir;

    private Path write(String name) {
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "out/" + name))) {
            assertThat(a.capabilities()).contains(Capability.WRITE).doesNotContain(Capability.READ);
            a.writeDatasets(List.of(DataHubWriteTest.orders(), DataHubWriteTest.flat(DataHubWriteTest.DAILY, 2)));
            a.writeLineage(List.of(LineageEdge.of(DataHubWriteTest.ORDERS, DataHubWriteTest.DAILY)));
            a.addOwner(DataHubWriteTest.DAILY, new Owner("bob", "DATA_STEWARD"));
            a.removeLineage(DataHubWriteTest.CUSTOMERS, DataHubWriteTest.ORDERS);
            a.flush();
            assertThat(a.report().sent()).isEqualTo(8 + 5 + 3);
        }
        return dir.resolve("out").resolve(name);
    }

    @Test
    void writesAJsonListOfProposalsThatDataHubsClassesRead() throws Exception {
        Path file = write("mcps.json");
        JsonNode list = new ObjectMapper().readTree(file.toFile());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(16);
        List<String> kinds = new ArrayList<>();
        for (JsonNode n : list) {
            // the shape the metadata-file source reads: {entityType, entityUrn, changeType, aspectName, aspect{value,
            // contentType}}
            assertThat(n.path("entityType").asText()).isEqualTo("dataset");
            assertThat(n.path("aspect").path("contentType").asText()).isEqualTo("application/json");
            MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, n.toString());
            String value = mcp.getAspect().getValue().asString(StandardCharsets.UTF_8);
            if (mcp.getChangeType().name().equals("UPSERT")) {
                RecordUtils.toRecordTemplate(GmsReader.ASPECTS.get(mcp.getAspectName()), value);
            } else {
                assertThat(new ObjectMapper().readTree(value).isArray()).isTrue(); // a JSON patch
            }
            kinds.add(mcp.getChangeType() + " " + mcp.getAspectName());
        }
        assertThat(kinds)
                .contains("UPSERT schemaMetadata", "PATCH ownership", "PATCH upstreamLineage")
                .doesNotContain("UPSERT upstreamLineage", "UPSERT ownership"); // edits never replace the aspect
        String text = Files.readString(file);
        assertThat(text).contains("/owners/urn:li:corpuser:bob/DATA_STEWARD");
        assertThat(text)
                .contains("/upstreams/urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.customers,PROD)");
    }

    @Test
    void theSameInputWritesTheSameBytes() throws Exception {
        assertThat(Files.readAllBytes(write("a.json"))).isEqualTo(Files.readAllBytes(write("b.json")));
    }

    @Test
    void aRunThatSendsNothingLeavesTheLastRunsFileAsItWas() throws Exception {
        Path file = write("mcps.json");
        byte[] before = Files.readAllBytes(file);
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "out/mcps.json"))) {
            a.flush(); // a read command, or an edit refused before any write
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void readsNeedAServer() {
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "x.json"))) {
            assertThatThrownBy(() -> a.dataset(DataHubWriteTest.ORDERS))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("platforms.datahub.server");
        }
    }
}
