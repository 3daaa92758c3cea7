package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.common.Deprecation;
import com.linkedin.common.Ownership;
import com.linkedin.common.Status;
import com.linkedin.dataproduct.DataProductAssociation;
import com.linkedin.dataproduct.DataProductProperties;
import com.linkedin.domain.Domains;
import com.linkedin.mxe.MetadataChangeProposal;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.Owner;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data products as {@code dataProduct} entities and the dataset lifecycle as the {@code
 * deprecation} and {@code status} aspects, in the fake GMS and in an MCP file, read with DataHub's
 * own classes.
 */
class DataHubProductsLifecycleTest extends FakeGmsTest {
    static final DatasetId ORDERS = DataHubWriteTest.ORDERS;
    static final DatasetId CUSTOMERS = DataHubWriteTest.CUSTOMERS;
    static final String PRODUCT_URN = "urn:li:dataProduct:orders";

    static DataProduct product() {
        return new DataProduct(
                "orders",
                "Orders and their customers",
                "sales",
                List.of(new Owner("group:sales-data", "TECHNICAL_OWNER"), new Owner("carol", "BUSINESS_OWNER")),
                List.of("postgres:shop.public.*"),
                List.of(ORDERS, CUSTOMERS),
                new DataProduct.Terms(24, CompatibilityMode.FORWARD, "#sales-data"));
    }

    @Test
    void aProductIsADataProductEntityWithPropertiesAssetsDomainAndOwners() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.can(Capability.PRODUCTS)).isTrue();
            a.writeProducts(List.of(product()));
            a.flush();
            assertThat(a.report().failed()).isZero();
        }
        assertThat(gms.problems).isEmpty();
        Map<String, String> aspects = gms.aspectsOf(PRODUCT_URN);
        assertThat(aspects).containsOnlyKeys("dataProductProperties", "domains", "ownership");

        DataProductProperties p =
                RecordUtils.toRecordTemplate(DataProductProperties.class, aspects.get("dataProductProperties"));
        assertThat(p.getName()).isEqualTo("orders");
        assertThat(p.getDescription()).isEqualTo("Orders and their customers");
        assertThat(p.getAssets().stream()
                        .map(DataProductAssociation::getDestinationUrn)
                        .map(Object::toString)
                        .toList())
                .containsExactly(CUSTOMERS.urn(), ORDERS.urn());
        assertThat(p.getCustomProperties())
                .containsEntry("lumos.terms.freshness_hours", "24")
                .containsEntry("lumos.terms.compatibility", "FORWARD")
                .containsEntry("lumos.terms.support", "#sales-data")
                .containsEntry("lumos.datasets", "postgres:shop.public.*");

        Domains d = RecordUtils.toRecordTemplate(Domains.class, aspects.get("domains"));
        assertThat(d.getDomains().get(0).toString()).isEqualTo("urn:li:domain:sales");
        Ownership o = RecordUtils.toRecordTemplate(Ownership.class, aspects.get("ownership"));
        assertThat(o.getOwners().stream().map(x -> x.getOwner().toString()).toList())
                .containsExactlyInAnyOrder("urn:li:corpGroup:sales-data", "urn:li:corpuser:carol");

        // the entity type on the wire is dataProduct, as GMS requires for the URN
        assertThat(gms.proposals).allSatisfy(json -> assertThat(json).contains("\"entityType\":\"dataProduct\""));
        // a product is not a dataset: listing datasets does not return it
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.datasets()).isEmpty();
        }
    }

    @Test
    void aDeprecatedDatasetCarriesItsNoteAndDecommissionDate() {
        Dataset deprecated = new Lifecycle(
                        DatasetStatus.DEPRECATED, "use orders_v2", LocalDate.parse("2027-03-31"), "cli:alice")
                .applyTo(DataHubWriteTest.orders());
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(deprecated));
            a.flush();
        }
        assertThat(gms.problems).isEmpty();
        Deprecation dep = RecordUtils.toRecordTemplate(
                Deprecation.class, gms.aspectsOf(ORDERS.urn()).get("deprecation"));
        assertThat(dep.isDeprecated()).isTrue();
        assertThat(dep.getNote()).isEqualTo("use orders_v2");
        assertThat(dep.getDecommissionTime()).isEqualTo(1806451200000L); // 2027-03-31T00:00Z
        assertThat(dep.getActor().toString()).startsWith("urn:li:corpuser:");

        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            Dataset back = a.dataset(ORDERS).orElseThrow();
            assertThat(back.status()).isEqualTo(DatasetStatus.DEPRECATED);
            assertThat(Lifecycle.of(back).note()).isEqualTo("use orders_v2");
            assertThat(Lifecycle.of(back).decommissionOn()).isEqualTo(LocalDate.parse("2027-03-31"));
        }
    }

    @Test
    void setLifecycleSendsOnlyTheDeprecationAndStatusAspects() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(DataHubWriteTest.orders()));
            a.flush();
        }
        String properties = gms.aspectsOf(ORDERS.urn()).get("datasetProperties");
        gms.proposals.clear();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.can(Capability.LIFECYCLE)).isTrue();
            a.setLifecycle(ORDERS, new Lifecycle(DatasetStatus.DEPRECATED, "moving", null, "cli:alice"));
            a.flush();
        }
        assertThat(gms.problems).isEmpty();
        assertThat(gms.proposals)
                .extracting(p -> p.replaceAll(".*\"aspectName\":\"([^\"]+)\".*", "$1"))
                .containsExactlyInAnyOrder("deprecation", "status");
        assertThat(gms.aspectsOf(ORDERS.urn()).get("datasetProperties")).isEqualTo(properties);
        Deprecation dep = RecordUtils.toRecordTemplate(
                Deprecation.class, gms.aspectsOf(ORDERS.urn()).get("deprecation"));
        assertThat(dep.isDeprecated()).isTrue();
        assertThat(dep.hasDecommissionTime()).isFalse();

        // removed: the soft delete of DataHub's stateful ingestion
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.setLifecycle(ORDERS, new Lifecycle(DatasetStatus.REMOVED, "gone", null, "stale:shop"));
            a.flush();
            assertThat(RecordUtils.toRecordTemplate(
                                    Status.class, gms.aspectsOf(ORDERS.urn()).get("status"))
                            .isRemoved())
                    .isTrue();
            assertThat(a.dataset(ORDERS).orElseThrow().status()).isEqualTo(DatasetStatus.REMOVED);

            // active again: not removed, not deprecated
            a.setLifecycle(ORDERS, Lifecycle.ACTIVE);
            a.flush();
            assertThat(RecordUtils.toRecordTemplate(
                                    Status.class, gms.aspectsOf(ORDERS.urn()).get("status"))
                            .isRemoved())
                    .isFalse();
            assertThat(RecordUtils.toRecordTemplate(
                                    Deprecation.class,
                                    gms.aspectsOf(ORDERS.urn()).get("deprecation"))
                            .isDeprecated())
                    .isFalse();
            assertThat(a.dataset(ORDERS).orElseThrow().status()).isEqualTo(DatasetStatus.ACTIVE);
        }
    }

    @Test
    void anMcpFileHoldsTheProductAsDataHubsFileSourceReadsIt() throws Exception {
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "mcps.json"))) {
            a.writeProducts(List.of(product()));
            a.flush();
        }
        JsonNode list = new ObjectMapper().readTree(dir.resolve("mcps.json").toFile());
        assertThat(list).hasSize(3);
        for (JsonNode n : list) {
            MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, n.toString());
            assertThat(mcp.getEntityType()).isEqualTo("dataProduct");
            assertThat(mcp.getEntityUrn().toString()).isEqualTo(PRODUCT_URN);
            RecordUtils.toRecordTemplate(
                    FakeGms.DATA_PRODUCT_ASPECTS.get(mcp.getAspectName()),
                    mcp.getAspect().getValue().asString(StandardCharsets.UTF_8));
        }
    }
}
