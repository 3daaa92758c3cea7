package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.OwnershipType;
import com.linkedin.dataset.DatasetProperties;
import com.linkedin.dataset.FineGrainedLineage;
import com.linkedin.dataset.UpstreamLineage;
import com.linkedin.schema.SchemaField;
import com.linkedin.schema.SchemaMetadata;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the REST transport puts on the wire, checked with DataHub's own Pegasus classes. */
class DataHubWriteTest extends FakeGmsTest {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId CUSTOMERS = DatasetId.of("postgres", "shop.public.customers");
    static final DatasetId DAILY = DatasetId.of("s3", "lake/marts/orders_daily.parquet");

    static Dataset orders() {
        return Dataset.builder(ORDERS)
                .description("One row per order")
                .fields(List.of(
                        Field.builder("id", DataType.Primitive.INT64)
                                .nullable(false)
                                .primaryKey(true)
                                .nativeType("bigint")
                                .build(),
                        Field.builder("customer_id", DataType.Primitive.INT32)
                                .properties(
                                        Map.of(SchemaMapping.FOREIGN_KEY_PROPERTY, "postgres:shop.public.customers#id"))
                                .build(),
                        Field.builder("amount", new DataType.Decimal(12, 2))
                                .description("Total in EUR")
                                .tags(List.of("money"))
                                .build(),
                        Field.builder("shipping", DataTypes.parse("struct<city:string,zip:string>"))
                                .build(),
                        Field.builder("lines", DataTypes.parse("array<struct<sku:string,qty:int32>>"))
                                .build(),
                        Field.builder("payload", DataTypes.parse("union<string,struct<code:int32>>"))
                                .build(),
                        Field.builder("placed", new DataType.Timestamp(io.lumos.domain.TimeUnit.MICROS, true))
                                .build()))
                .tags(List.of("pii", "sales"))
                .glossaryTerms(List.of("Finance.Revenue"))
                .owners(List.of(
                        new Owner("group:sales", "BUSINESS_OWNER"),
                        new Owner("alice", "TECHNICAL_OWNER"),
                        new Owner("carol", "DATA_PRODUCT_LEAD")))
                .properties(Map.of("retention", "30d"))
                .version(new DatasetVersion(
                        "S-7",
                        new SemVer(1, 2, 0),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "ci",
                        ChangeType.SCHEMA_CHANGE,
                        "FIELD_ADDED placed",
                        "S-6",
                        "abc"))
                .build();
    }

    static Dataset flat(DatasetId id, int fields) {
        List<Field> fs = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            fs.add(Field.of("column_" + i, DataType.Primitive.STRING, true));
        }
        return Dataset.builder(id).fields(fs).build();
    }

    private String aspect(String urn, String name) {
        return gms.aspectsOf(urn).get(name);
    }

    @Test
    void everyAspectParsesWithDataHubsClassesAndCarriesTheModel() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders()));
            a.writeLineage(List.of(new LineageEdge(
                    CUSTOMERS,
                    ORDERS,
                    LineageType.AGGREGATED,
                    0.8,
                    null,
                    "dbt",
                    List.of(new ColumnMapping(List.of("id"), "customer_id", "IDENTITY")))));
            a.flush();
            assertThat(a.report().failed()).isZero();
        }
        assertThat(gms.problems).isEmpty();
        String urn = ORDERS.urn();
        assertThat(gms.aspectsOf(urn))
                .containsOnlyKeys(
                        "datasetProperties",
                        "schemaMetadata",
                        "status",
                        "subTypes",
                        "browsePathsV2",
                        "globalTags",
                        "glossaryTerms",
                        "ownership",
                        "upstreamLineage");

        DatasetProperties props =
                RecordUtils.toRecordTemplate(DatasetProperties.class, aspect(urn, "datasetProperties"));
        assertThat(props.getName()).isEqualTo("shop.public.orders");
        assertThat(props.getDescription()).isEqualTo("One row per order");
        assertThat(props.getCustomProperties())
                .containsEntry("retention", "30d")
                .containsEntry("lumos.cloudVersion", "S-7")
                .containsEntry("lumos.schemaVersion", "1.2.0");

        SchemaMetadata schema = RecordUtils.toRecordTemplate(SchemaMetadata.class, aspect(urn, "schemaMetadata"));
        assertThat(schema.getPlatformSchema().isMySqlDDL()).isTrue();
        assertThat(schema.getFields())
                .extracting(SchemaField::getFieldPath)
                .containsExactly(
                        "[version=2.0].[type=struct].[type=int64].id",
                        "[version=2.0].[type=struct].[type=int32].customer_id",
                        "[version=2.0].[type=struct].[type=decimal].amount",
                        "[version=2.0].[type=struct].[type=struct].shipping",
                        "[version=2.0].[type=struct].[type=struct].shipping.[type=string].city",
                        "[version=2.0].[type=struct].[type=struct].shipping.[type=string].zip",
                        "[version=2.0].[type=struct].[type=array].[type=struct].lines",
                        "[version=2.0].[type=struct].[type=array].[type=struct].lines.[type=string].sku",
                        "[version=2.0].[type=struct].[type=array].[type=struct].lines.[type=int32].qty",
                        "[version=2.0].[type=struct].[type=union].payload",
                        "[version=2.0].[type=struct].[type=union].[type=string].payload",
                        "[version=2.0].[type=struct].[type=union].[type=struct].payload",
                        "[version=2.0].[type=struct].[type=union].[type=struct].payload.[type=int32].code",
                        "[version=2.0].[type=struct].[type=timestamptz].placed");
        assertThat(schema.getFields())
                .extracting(f -> TypeMapping.memberName(f.getType()))
                .containsExactly(
                        "NumberType",
                        "NumberType",
                        "NumberType",
                        "RecordType",
                        "StringType",
                        "StringType",
                        "ArrayType",
                        "StringType",
                        "NumberType",
                        "UnionType",
                        "StringType",
                        "RecordType",
                        "NumberType",
                        "TimeType");
        SchemaField id = schema.getFields().get(0);
        assertThat(id.getNativeDataType()).isEqualTo("bigint");
        assertThat(id.isNullable()).isFalse();
        assertThat(id.isIsPartOfKey()).isTrue();
        assertThat(id.getJsonProps()).isEqualTo("{\"lumos.type\":\"int64\"}");
        assertThat(schema.getFields().get(2).getNativeDataType()).isEqualTo("decimal(12,2)");
        assertThat(schema.getFields()
                        .get(2)
                        .getGlobalTags()
                        .getTags()
                        .get(0)
                        .getTag()
                        .toString())
                .isEqualTo("urn:li:tag:money");
        assertThat(schema.getPrimaryKeys()).containsExactly("[version=2.0].[type=struct].[type=int64].id");
        assertThat(schema.getForeignKeys()).hasSize(1);
        assertThat(schema.getForeignKeys().get(0).getForeignDataset().toString())
                .isEqualTo(CUSTOMERS.urn());
        assertThat(schema.getForeignKeys().get(0).getForeignFields().get(0).toString())
                .isEqualTo("urn:li:schemaField:(" + CUSTOMERS.urn() + ",id)");

        Ownership ownership = RecordUtils.toRecordTemplate(Ownership.class, aspect(urn, "ownership"));
        assertThat(ownership.getOwners())
                .extracting(o -> o.getOwner() + " " + o.getType() + " " + o.getTypeUrn())
                .containsExactly(
                        "urn:li:corpGroup:sales BUSINESS_OWNER urn:li:ownershipType:__system__business_owner",
                        "urn:li:corpuser:alice TECHNICAL_OWNER urn:li:ownershipType:__system__technical_owner",
                        "urn:li:corpuser:carol CUSTOM urn:li:ownershipType:DATA_PRODUCT_LEAD");
        assertThat(ownership.getOwners().get(0).getType()).isEqualTo(OwnershipType.BUSINESS_OWNER);

        GlossaryTerms terms = RecordUtils.toRecordTemplate(GlossaryTerms.class, aspect(urn, "glossaryTerms"));
        assertThat(terms.getTerms().get(0).getUrn().toString()).isEqualTo("urn:li:glossaryTerm:Finance.Revenue");
        // terms are a patch (semantics: patch), so the aspect's stamp is GMS's; with overwrite it is
        // the version's (wholeAspectsWithSemanticsOverwrite)

        UpstreamLineage lineage = RecordUtils.toRecordTemplate(UpstreamLineage.class, aspect(urn, "upstreamLineage"));
        assertThat(lineage.getUpstreams()).hasSize(1);
        assertThat(lineage.getUpstreams().get(0).getDataset().toString()).isEqualTo(CUSTOMERS.urn());
        assertThat(lineage.getUpstreams().get(0).getProperties())
                .containsEntry("lumos.lineageType", "AGGREGATED")
                .containsEntry("lumos.confidence", "0.8");
        FineGrainedLineage fine = lineage.getFineGrainedLineages().get(0);
        assertThat(fine.getUpstreams().get(0).toString()).isEqualTo("urn:li:schemaField:(" + CUSTOMERS.urn() + ",id)");
        assertThat(fine.getDownstreams().get(0).toString()).isEqualTo("urn:li:schemaField:(" + urn + ",customer_id)");
        assertThat(fine.getTransformOperation()).isEqualTo("IDENTITY");
        assertThat(fine.getConfidenceScore()).isEqualTo(0.8f);
    }

    @Test
    void columnTransformationsBecomeTheTransformOperationAndComeBack() {
        List<ColumnMapping> cols = List.of(
                new ColumnMapping(List.of("amount"), "column_0", "SUM(amount)", "DIRECT", "AGGREGATION"),
                new ColumnMapping(List.of("id"), "column_1", null, "INDIRECT", "JOIN"),
                new ColumnMapping(List.of("status"), "column_2", null, "INDIRECT", null),
                new ColumnMapping(List.of("customer_id"), "column_3", "upper(customer_id)"));
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders(), flat(DAILY, 4)));
            a.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY).withColumns(cols)));
            a.flush();
            UpstreamLineage lineage =
                    RecordUtils.toRecordTemplate(UpstreamLineage.class, aspect(DAILY.urn(), "upstreamLineage"));
            assertThat(lineage.getFineGrainedLineages())
                    .extracting(FineGrainedLineage::getTransformOperation)
                    .containsExactly("AGGREGATION: SUM(amount)", "JOIN", "INDIRECT", "upper(customer_id)");
            assertThat(a.upstreamEdges(DAILY).get(0).columns()).containsExactlyInAnyOrderElementsOf(cols);
        }
    }

    @Test
    void readingBackGivesTheSameModel() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders()));
            a.flush();
            Dataset back = a.dataset(ORDERS).orElseThrow();
            assertThat(back).isEqualTo(orders());
        }
    }

    @Test
    void flatSchemasUseV1PathsAndFilesGetFolders() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(flat(DAILY, 2)));
            a.flush();
        }
        SchemaMetadata schema =
                RecordUtils.toRecordTemplate(SchemaMetadata.class, aspect(DAILY.urn(), "schemaMetadata"));
        assertThat(schema.getFields()).extracting(SchemaField::getFieldPath).containsExactly("column_0", "column_1");
        assertThat(schema.getPlatformSchema().isOtherSchema()).isTrue();
        assertThat(aspect(DAILY.urn(), "browsePathsV2")).isEqualTo("{\"path\":[{\"id\":\"lake\"},{\"id\":\"marts\"}]}");
        assertThat(aspect(DAILY.urn(), "subTypes")).isEqualTo("{\"typeNames\":[\"Table\"]}");
        DatasetProperties props =
                RecordUtils.toRecordTemplate(DatasetProperties.class, aspect(DAILY.urn(), "datasetProperties"));
        assertThat(props.getName()).isEqualTo("orders_daily.parquet");
    }

    @Test
    void nonAsciiNamesAreEscapedAndReadBackIntact() {
        Dataset d = Dataset.builder(DatasetId.of("file", "lake/NPS.csv"))
                .description("Seen at 6°C — \"quoted\"")
                .fields(List.of(
                        Field.of("Lat (°N)", DataType.Primitive.FLOAT64, false),
                        Field.of("名前", DataType.Primitive.STRING, true)))
                .build();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(d));
            a.flush();
            assertThat(a.dataset(d.id()).orElseThrow()).isEqualTo(d);
        }
        assertThat(gms.problems).isEmpty();
        // ASCII on the wire, so a batch's length in chars is its size in bytes
        assertThat(gms.requests.get(0).body()).isASCII().contains("\\\\u00b0");
    }

    @Test
    void aDatasetDataHubCannotTakeIsSkippedAndCountedWhileTheRestLands() {
        DatasetId staging = new DatasetId("csv", "x", "STAGING"); // not a DataHub FabricType
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(flat(staging, 1), flat(DAILY, 1)));
            a.flush();
            assertThat(a.report().sent()).isEqualTo(5);
            assertThat(a.report().failed()).isEqualTo(1);
        }
        assertThat(gms.entityCount()).isEqualTo(1);
    }

    @Test
    void exportPagesThroughTheWholeCatalogInIdOrder() {
        List<Dataset> many = IntStream.range(0, 1200)
                .mapToObj(i -> flat(DatasetId.of("csv", "t_%04d".formatted(i)), 2))
                .toList();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(many);
            a.writeLineage(List.of(LineageEdge.of(many.get(0).id(), many.get(1).id())));
            a.flush();
            gms.requests.clear();
            io.lumos.domain.CatalogSnapshot snapshot = a.export();
            assertThat(snapshot.datasets()).isEqualTo(many);
            assertThat(snapshot.lineage()).hasSize(1);
        }
        // 500 a page: three pages for the datasets, three for the lineage
        assertThat(gms.requests)
                .filteredOn(r -> r.path().startsWith("/openapi/v3/entity/dataset"))
                .hasSize(6);
    }

    @Test
    void closeSendsLineageThatWasNeverFlushed() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        }
        assertThat(gms.aspectsOf(DAILY.urn())).containsOnlyKeys("upstreamLineage");
    }

    @Test
    void requestsCarryTheTokenAndTheRestLiHeader() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(flat(DAILY, 1)));
            a.flush();
        }
        assertThat(gms.requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("authorization", "Bearer s3cret-token");
            assertThat(r.headers()).containsEntry("x-restli-protocol-version", "2.0.0");
        });
        assertThat(gms.requests.get(0).path()).isEqualTo("/aspects?action=ingestProposalBatch");
    }

    @Test
    void batchesStayUnderTheByteLimitAndTheCount() {
        List<Dataset> wide = IntStream.range(0, 40)
                .mapToObj(i -> flat(DatasetId.of("csv", "wide_" + i), 200))
                .toList();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "max_batch_bytes", 65_536, "batch_size", 50))) {
            a.writeDatasets(wide);
            a.flush();
            assertThat(a.report().sent()).isEqualTo(40 * 5);
        }
        assertThat(gms.maxBodyBytes.get()).isLessThanOrEqualTo(65_536);
        assertThat(gms.batchRequests.get()).isGreaterThan(4);
        for (FakeGms.Request r : gms.requests) {
            assertThat(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(65_536);
        }
        assertThat(gms.problems).isEmpty();
    }

    @Test
    void defaultBatchesStayUnderFifteenMegabytes() {
        assertThat(DataHubSettings.GMS_LIMIT_BYTES).isEqualTo(15L * 1024 * 1024);
        gms.record = false;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "batch_size", 10_000))) {
            // 18 datasets of about 1 MB each (long descriptions): 18 MB, so at least two batches
            String longText = "x".repeat(20_000);
            for (int i = 0; i < 18; i++) {
                Dataset d = flat(DatasetId.of("csv", "huge_" + i), 50);
                List<Field> described = d.fields().stream()
                        .map(f -> f.toBuilder().description(longText).build())
                        .toList();
                a.writeDatasets(List.of(d.toBuilder().fields(described).build()));
            }
            a.flush();
            assertThat(a.report().failed()).isZero();
        }
        assertThat(gms.maxBodyBytes.get()).isLessThanOrEqualTo(15L * 1024 * 1024);
        assertThat(gms.batchRequests.get()).isGreaterThanOrEqualTo(2);
        assertThat(gms.entityCount()).isEqualTo(18);
    }

    @Test
    void theSameInputSendsByteIdenticalProposals() {
        ingestOnce();
        List<String> first = new ArrayList<>(gms.proposals);
        gms.reset();
        ingestOnce();
        assertThat(new ArrayList<>(gms.proposals)).isEqualTo(first).hasSizeGreaterThan(10);
    }

    private void ingestOnce() {
        // a fresh adapter each time, as two runs of `lumos ingest` would be
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "max_in_flight", 1))) {
            a.writeDatasets(List.of(orders(), flat(DAILY, 3)));
            a.writeLineage(List.of(
                    LineageEdge.of(ORDERS, DAILY)
                            .withColumns(List.of(new ColumnMapping(List.of("amount"), "column_0", "SUM(amount)"))),
                    LineageEdge.of(CUSTOMERS, DAILY)));
            a.flush();
        }
    }

    @Test
    void anOldServerWithoutTheBatchActionGetsOneProposalPerRequest() {
        gms.batchEndpoint = false;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders(), flat(DAILY, 3)));
            a.flush();
            assertThat(a.report().sent()).isEqualTo(8 + 5);
            assertThat(a.report().failed()).isZero();
        }
        assertThat(gms.batchRequests.get()).isEqualTo(1); // asked once, then remembered
        assertThat(gms.singleRequests.get()).isEqualTo(13);
        assertThat(gms.aspectsOf(ORDERS.urn())).hasSize(8);
    }

    @Test
    void anInvalidProposalIsIsolatedAndDeadLetteredWhileTheRestLands() {
        gms.poisonUrn = DAILY.urn();
        EmitReport report;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders(), flat(DAILY, 3)));
            a.flush();
            report = a.report();
        }
        assertThat(report.sent()).isEqualTo(8);
        assertThat(report.failed()).isEqualTo(5);
        assertThat(report.deadLetterFile()).exists();
        List<DeadLetter> letters = DeadLetterFile.read(report.deadLetterFile());
        assertThat(letters).hasSize(5).allSatisfy(l -> {
            assertThat(l.platform()).isEqualTo("datahub");
            assertThat(l.target()).startsWith(DAILY.urn() + "#");
            assertThat(l.error()).contains("422");
        });
        assertThat(gms.aspectsOf(ORDERS.urn())).hasSize(8);

        gms.poisonUrn = null; // fixed on the server: replay lands them
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.replay(letters)).isZero();
            assertThat(a.report().sent()).isEqualTo(5);
        }
        assertThat(gms.aspectsOf(DAILY.urn())).hasSize(5);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        gms.failFirst = 3;
        gms.failFirstStatus = 503;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "retries", 3))) {
            a.writeDatasets(List.of(flat(DAILY, 1)));
            a.flush();
            assertThat(a.report()).isEqualTo(new EmitReport(5, 3, 0, null));
        }
        assertThat(gms.batchRequests.get()).isEqualTo(1); // the 3 scripted failures are not counted
        assertThat(gms.aspectsOf(DAILY.urn())).hasSize(5);
    }

    @Test
    void clientErrorsAreNotRetried() {
        gms.failFirst = 1;
        gms.failFirstStatus = 403;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "retries", 3))) {
            a.writeDatasets(List.of(flat(DAILY, 1)));
            a.flush();
            EmitReport r = a.report();
            assertThat(r.retried()).isZero();
            assertThat(r.failed()).isEqualTo(5);
            assertThat(DeadLetterFile.read(r.deadLetterFile()))
                    .allSatisfy(l -> assertThat(l.error()).contains("403"));
        }
    }

    @Test
    void ownerAndLineageEditsMergeWithWhatTheServerHas() {
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(orders(), flat(DAILY, 1)));
            a.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY), LineageEdge.of(CUSTOMERS, DAILY)));
            a.flush();
        }
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.addOwner(ORDERS, new Owner("bob", "DATA_STEWARD"));
            a.removeOwner(ORDERS, "alice");
            a.removeLineage(CUSTOMERS, DAILY);
            a.flush();
            assertThat(a.dataset(ORDERS).orElseThrow().owners())
                    .containsExactlyInAnyOrder(
                            new Owner("urn:li:corpuser:bob", "DATA_STEWARD"),
                            new Owner("urn:li:corpGroup:sales", "BUSINESS_OWNER"),
                            new Owner("urn:li:corpuser:carol", "DATA_PRODUCT_LEAD"));
            assertThat(a.upstreamEdges(DAILY)).extracting(LineageEdge::upstream).containsExactly(ORDERS);
        }
    }
}
