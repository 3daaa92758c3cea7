package io.lumos.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void datasetIdsParseUrnsAndShorthand() {
        DatasetId id = DatasetId.parse("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)", "DEV");
        assertThat(id).isEqualTo(new DatasetId("postgres", "shop.public.orders", "PROD"));
        assertThat(DatasetId.parse("postgres:shop.public.orders", "DEV").env()).isEqualTo("DEV");
        assertThat(DatasetId.parse("s3:bucket/a,b/c", "PROD").urn())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:s3,bucket/a,b/c,PROD)");
        assertThat(DatasetId.parse(DatasetId.parse("s3:bucket/a,b/c", "PROD").urn(), "X")
                        .name())
                .isEqualTo("bucket/a,b/c");
        assertThatThrownBy(() -> DatasetId.parse("orders", "PROD")).hasMessageContaining("PLATFORM:NAME");
        assertThatThrownBy(() -> DatasetId.parse("urn:li:corpuser:x", "PROD"))
                .hasMessageContaining("not a dataset URN");
    }

    @Test
    void ownersAreUrnsWithStandardOrCustomTypes() {
        assertThat(new Owner("alice", null)).isEqualTo(new Owner("urn:li:corpuser:alice", "TECHNICAL_OWNER"));
        assertThat(new Owner("group:sales", "business_owner").urn()).isEqualTo("urn:li:corpGroup:sales");
        assertThat(new Owner("group:sales", "business_owner").type()).isEqualTo("BUSINESS_OWNER");
        assertThat(new Owner("bob", "Data Custodian").isStandardType()).isFalse();
        assertThatThrownBy(() -> new Owner("urn:li:dataset:x", null)).hasMessageContaining("corpuser");
    }

    @Test
    void anOwnerNameKeepsTheColonsItHolds() {
        assertThat(new Owner("urn:li:corpuser:svc:etl", null).name()).isEqualTo("svc:etl");
        assertThat(new Owner("group:team:a", null).name()).isEqualTo("team:a");
        assertThat(new Owner("alice", null).name()).isEqualTo("alice");
    }

    @Test
    void semverBumpsByChangeType() {
        SemVer v = SemVer.parse("1.4.2");
        assertThat(v.bump(ChangeType.BREAKING_SCHEMA_CHANGE)).hasToString("2.0.0");
        assertThat(v.bump(ChangeType.SCHEMA_CHANGE)).hasToString("1.5.0");
        assertThat(v.bump(ChangeType.METADATA_UPDATE)).hasToString("1.4.3");
        assertThat(v.bump(ChangeType.DATA_UPDATE)).hasToString("1.4.3");
        assertThat(SemVer.parse("v2.0.0")).isGreaterThan(v);
        assertThat(ChangeType.parse("major")).isEqualTo(ChangeType.BREAKING_SCHEMA_CHANGE);
        assertThatThrownBy(() -> SemVer.parse("1.2")).hasMessageContaining("MAJOR.MINOR.PATCH");
        // a trailing dot is a fourth, empty part (String.split dropped it, and read 1.2.3)
        assertThatThrownBy(() -> SemVer.parse("1.2.3.")).hasMessageContaining("MAJOR.MINOR.PATCH");
    }

    @Test
    void versionPolicyChainsVersionsWithTheCloudCounter() {
        VersionPolicy policy = new VersionPolicy("S-");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        DatasetVersion first = policy.initial(311, t, "ci", "f1");
        DatasetVersion second = policy.next(
                first, 312, ChangeType.BREAKING_SCHEMA_CHANGE, t.plusSeconds(1), "ci", "FIELD_REMOVED x", "f2");
        assertThat(first.cloudVersion()).isEqualTo("S-311");
        assertThat(second.cloudVersion()).isEqualTo("S-312");
        assertThat(second.previousVersion()).isEqualTo("S-311");
        assertThat(second.schemaVersion()).hasToString("2.0.0");
        assertThat(policy.counterOf("S-312")).isEqualTo(312);
        assertThat(policy.counterOf("X-1")).isEqualTo(-1);
        assertThat(VersionPolicy.find(List.of(first, second), "1.0.0")).contains(first);
        assertThat(VersionPolicy.find(List.of(first, second), "S-312")).contains(second);
        assertThat(VersionPolicy.compare(first, second)).isNegative();
    }

    @Test
    void recordsRefuseBadState() {
        DatasetId a = DatasetId.of("csv", "a");
        assertThatThrownBy(() -> LineageEdge.of(a, a)).hasMessageContaining("own upstream");
        assertThatThrownBy(() -> new LineageEdge(a, DatasetId.of("csv", "b"), null, 1.5, null, null, List.of()))
                .hasMessageContaining("confidence");
        assertThatThrownBy(() -> Dataset.builder(a)
                        .fields(List.of(
                                Field.of("x", DataType.Primitive.INT8, true),
                                Field.of("x", DataType.Primitive.INT8, true)))
                        .build())
                .hasMessageContaining("two fields named 'x'");
        assertThatThrownBy(() -> ColumnMapping.parse("nocolumns"))
                .hasMessageContaining("UPSTREAM_COLUMN=DOWNSTREAM_COLUMN");
        assertThat(ColumnMapping.parse("a+b = c").upstreamColumns()).containsExactly("a", "b");
    }

    @Test
    void aColumnMappingSaysHowTheValueIsMade() {
        ColumnMapping identity = new ColumnMapping(List.of("a"), "a", null, "direct", "identity");
        assertThat(identity.transformationType()).isEqualTo("DIRECT");
        assertThat(identity.isIdentity()).isTrue();
        // no description, but the producer said it is an aggregation: not a copy
        assertThat(new ColumnMapping(List.of("a"), "s", null, "DIRECT", "AGGREGATION").isIdentity())
                .isFalse();
        ColumnMapping join = new ColumnMapping(List.of("k"), "s", null, "INDIRECT", "JOIN");
        assertThat(join.isIdentity()).isFalse();
        assertThat(join.isIndirect()).isTrue();
        assertThat(new ColumnMapping(List.of("a"), "a", null).isIdentity()).isTrue();
        assertThat(new ColumnMapping(List.of("a"), "a", " ", " ", null).transformationType())
                .isNull();
    }
}
