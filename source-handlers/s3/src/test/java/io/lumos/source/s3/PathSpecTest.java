package io.lumos.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.file.PathSpec.Match;
import io.lumos.spi.file.PathSpec.Partition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathSpecTest {

    private static Match match(String spec, String bucket, String key) {
        return PathSpec.parse(spec).match(bucket, key).orElseThrow(() -> new AssertionError(spec + " ! " + key));
    }

    @Test
    void tableAndNamedPartition() {
        PathSpec spec = PathSpec.parse("s3://bucket/warehouse/{table}/dt={partition[0]}/*.parquet");
        assertThat(spec.listPrefix()).isEqualTo("warehouse/");
        assertThat(spec.literalBucket()).isEqualTo("bucket");
        assertThat(spec.hasTable()).isTrue();
        Match m = match(spec.include(), "bucket", "warehouse/orders/dt=2024-01-02/part-0.parquet");
        assertThat(m.table()).isEqualTo("bucket/warehouse/orders");
        assertThat(m.folder()).isTrue();
        assertThat(m.partitions()).containsExactly(new Partition("dt", "2024-01-02"));
        assertThat(spec.match("bucket", "warehouse/orders/dt=2024-01-02/part-0.csv"))
                .isEmpty();
        assertThat(spec.match("bucket", "warehouse/orders/part-0.parquet")).isEmpty();
        assertThat(spec.match("other", "warehouse/orders/dt=1/p.parquet")).isEmpty();
    }

    @Test
    void partitionKeyValuePairs() {
        Match m = match(
                "s3://b/{table}/{partition_key[0]}={partition[0]}/{partition_key[1]}={partition_value[1]}/*.*",
                "b",
                "events/year=2024/month=05/e.json");
        assertThat(m.table()).isEqualTo("b/events");
        assertThat(m.partitions()).containsExactly(new Partition("year", "2024"), new Partition("month", "05"));
    }

    @Test
    void bareAndNamedPartitionsAfterTheTable() {
        Match bare = match("s3://b/data/{table}/{partition[0]}/{partition[1]}/*.*", "b", "data/t/2024/01/x.csv");
        assertThat(bare.partitions())
                .containsExactly(new Partition("partition_0", "2024"), new Partition("partition_1", "01"));
        Match named = match("s3://b/{dept}/{table}/year={year}/*.avro", "b", "sales/orders/year=2023/a.avro");
        assertThat(named.table()).isEqualTo("b/sales/orders");
        assertThat(named.variables()).containsEntry("dept", "sales");
        assertThat(named.partitions()).containsExactly(new Partition("year", "2023"));
    }

    @Test
    void aSpecEndingInTableTakesEverythingBelowAndDetectsPartitions() {
        PathSpec spec = PathSpec.parse("s3://b/warehouse/{table}");
        Match m = match(spec.include(), "b", "warehouse/orders/region=eu/2024/p.parquet");
        assertThat(m.table()).isEqualTo("b/warehouse/orders");
        assertThat(m.partitions()).containsExactly(new Partition("region", "eu"), new Partition("partition_0", "2024"));
        Match flat = match(spec.include(), "b", "warehouse/orders/p.parquet");
        assertThat(flat.partitions()).isEmpty();
        assertThat(spec.match("b", "warehouse/loose.parquet")).isEmpty();
    }

    @Test
    void doubleStarCrossesAnyNumberOfLevels() {
        PathSpec spec = PathSpec.parse("s3://b/logs/**/*.json");
        assertThat(spec.match("b", "logs/a.json")).isPresent();
        assertThat(spec.match("b", "logs/x/y/z/a.json")).isPresent();
        assertThat(spec.match("b", "logs/x/y/a.csv")).isEmpty();
        Match m = match(spec.include(), "b", "logs/x/a.json");
        assertThat(m.folder()).isFalse();
        assertThat(m.table()).isEqualTo("b/logs/x/a.json");
        Match t = match("s3://b/{table}/**/*.parquet", "b", "t1/k=v/deep/f.parquet");
        assertThat(t.partitions()).containsExactly(new Partition("k", "v"), new Partition("partition_0", "deep"));
    }

    @Test
    void withoutTableEachFileIsADatasetAndStarMatchesOneLevel() {
        PathSpec spec = PathSpec.parse("s3://b/folder/*/*.csv");
        assertThat(spec.listPrefix()).isEqualTo("folder/");
        assertThat(match(spec.include(), "b", "folder/a/x.csv").table()).isEqualTo("b/folder/a/x.csv");
        assertThat(spec.match("b", "folder/a/b/x.csv")).isEmpty();
        assertThat(PathSpec.parse("s3://b/exact/file.csv").listPrefix()).isEqualTo("exact/file.csv");
    }

    @Test
    void bucketsMayBePatternsOrTheTable() {
        PathSpec star = PathSpec.parse("s3://*/folder/{table}/*.csv");
        assertThat(star.literalBucket()).isNull();
        assertThat(star.bucketMatches("anything")).isTrue();
        PathSpec asTable = PathSpec.parse("s3://{table}/food/*.csv");
        assertThat(match(asTable.include(), "my-bucket", "food/a.csv").table()).isEqualTo("my-bucket");
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> PathSpec.parse("s3://b/{table}/x/{table}/*.csv"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PathSpec.parse("s3://b/a**b/*.csv")).hasMessageContaining("whole level");
        assertThatThrownBy(() -> PathSpec.parse("s3://b/{ta ble}/*.csv")).hasMessageContaining("not a variable");
        assertThatThrownBy(() -> PathSpec.parse("s3://b/dir/")).hasMessageContaining("must end with a file pattern");
        assertThatThrownBy(() -> PathSpec.parse("gs://b/x.csv")).hasMessageContaining("not an S3 URI");
    }

    @Test
    void excludeGlobs() {
        assertThat(PathSpec.glob("s3://b/**/tmp/**")
                        .matcher("s3://b/a/b/tmp/x.csv")
                        .matches())
                .isTrue();
        assertThat(PathSpec.glob("s3://b/*.csv").matcher("s3://b/a/x.csv").matches())
                .isFalse();
    }

    @Test
    void bucketPrefixGrouping() {
        List<ObjectRef> objects = List.of(
                ref("wh/orders/dt=1/a.parquet"),
                ref("wh/orders/dt=2/b.parquet"),
                ref("wh/orders/_SUCCESS"),
                ref("wh/events/2024/01/e.json"),
                ref("wh/loose.csv"),
                ref("wh/_tmp/x.csv"),
                ref("other/z.csv"));
        java.util.Map<String, TableGroup> out = new java.util.TreeMap<>();
        TableGroup.groupPrefix(S3Uri.parse("s3://b/wh"), objects, false, out);
        assertThat(out.keySet()).containsExactly("b/wh/events", "b/wh/loose.csv", "b/wh/orders");
        assertThat(out.get("b/wh/orders").files).hasSize(2);
        assertThat(out.get("b/wh/orders").partitionKeyCounts).containsEntry("dt", 2);
        assertThat(out.get("b/wh/events").partitionKeyCounts).containsOnlyKeys("partition_0", "partition_1");
        assertThat(out.get("b/wh/loose.csv").folder).isFalse();
        assertThat(out.get("b/wh/orders").location()).isEqualTo("s3://b/wh/orders/");

        java.util.Map<String, TableGroup> table = new java.util.TreeMap<>();
        TableGroup.groupPrefix(S3Uri.parse("s3://b/wh/orders/"), objects, false, table);
        assertThat(table.keySet()).containsExactly("b/wh/orders"); // only partitions below: the prefix is the table

        java.util.Map<String, TableGroup> single = new java.util.TreeMap<>();
        TableGroup.groupPrefix(S3Uri.parse("s3://b/wh/loose.csv"), objects, false, single);
        assertThat(single.keySet()).containsExactly("b/wh/loose.csv");
    }

    private static ObjectRef ref(String key) {
        return new ObjectRef("b", key, 10, java.time.Instant.EPOCH);
    }
}
