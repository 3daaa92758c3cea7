package io.lumos.spi.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.file.PathSpec.Match;
import io.lumos.spi.file.PathSpec.Partition;
import org.junit.jupiter.api.Test;

/**
 * The one path spec of the files and S3 sources: what each had before, in one place (the S3
 * source's own test checks the bucket side).
 */
class PathSpecTest {
    private static PathSpec spec(String pattern) {
        return PathSpec.parse(pattern, pattern);
    }

    @Test
    void starQuestionMarkClassesAndAlternativesMatchWithinALevel() {
        PathSpec s = spec("data/part-?[0-9][!a-z].{csv,tsv}");
        assertThat(s.matches("data/part-a1X.csv")).isTrue();
        assertThat(s.matches("data/part-a19.tsv")).isTrue();
        assertThat(s.matches("data/part-a1x.csv")).as("[!a-z]").isFalse();
        assertThat(s.matches("data/part-ab9.csv")).as("[0-9]").isFalse();
        assertThat(s.matches("data/part-a19.json")).isFalse();
        assertThat(spec("*.csv").matches("a/b.csv")).as("* stays in its level").isFalse();
    }

    @Test
    void doubleStarAsALevelMatchesAnyNumberOfLevelsAndInsideTheLastLevelCrossesThem() {
        PathSpec s = spec("logs/**/*.json");
        assertThat(s.matches("logs/a.json")).isTrue();
        assertThat(s.matches("logs/x/y/a.json")).isTrue();
        assertThat(s.depth()).isEqualTo(Integer.MAX_VALUE);
        PathSpec trailing = spec("**");
        assertThat(trailing.matches("a")).isTrue();
        assertThat(trailing.matches("a/b/c")).isTrue();
        PathSpec crossing = spec("**.parquet");
        assertThat(crossing.matches("x.parquet")).isTrue();
        assertThat(crossing.matches("a/b/x.parquet")).isTrue();
        assertThat(crossing.matches("a/b/x.csv")).isFalse();
        assertThatThrownBy(() -> spec("a**b/*.csv")).hasMessageContaining("whole level");
    }

    @Test
    void aTableLevelNamesTheDatasetAndASpecEndingInItTakesEverythingBelow() {
        PathSpec s = spec("{table}");
        assertThat(s.tableLevel()).isZero();
        assertThat(s.levels()).isEqualTo(2);
        Match m = s.match("orders/region=eu/2024/p.parquet").orElseThrow();
        assertThat(m.table()).isEqualTo("orders");
        assertThat(m.folder()).isTrue();
        assertThat(m.partitions()).containsExactly(new Partition("region", "eu"), new Partition("partition_0", "2024"));
        assertThat(s.matches("loose.parquet")).isFalse();
        Match named = spec("{dept}/{table}/dt={partition[0]}/*.avro")
                .match("sales/orders/dt=2023/a.avro")
                .orElseThrow();
        assertThat(named.table()).isEqualTo("sales/orders");
        assertThat(named.variables()).containsEntry("dept", "sales");
        assertThat(named.partitions()).containsExactly(new Partition("dt", "2023"));
        assertThatThrownBy(() -> spec("{table}/x/{table}/*.csv")).hasMessageContaining("twice");
        assertThatThrownBy(() -> spec("{ta ble}/*.csv")).hasMessageContaining("not a variable");
    }

    @Test
    void literalPrefixDepthAndLevels() {
        PathSpec s = spec("b/warehouse/{table}/*.parquet");
        assertThat(s.literal(0)).isEqualTo("b");
        assertThat(s.literal(2)).isNull();
        assertThat(s.literalPrefix(1)).isEqualTo("warehouse/");
        assertThat(s.depth()).isEqualTo(4);
        assertThat(s.levelMatches(2, "orders")).isTrue();
        assertThat(spec("b/exact/file.csv").literalPrefix(1)).isEqualTo("exact/file.csv");
    }

    @Test
    void whatIsAPattern() {
        assertThat(PathSpec.isPattern("*.csv")).isTrue();
        assertThat(PathSpec.isPattern("part-[0-9]")).isTrue();
        assertThat(PathSpec.isPattern("{table}")).isTrue();
        assertThat(PathSpec.isPattern("plain.csv")).isFalse();
        assertThat(PathSpec.hasPattern("lake\\*\\x.csv")).isTrue();
        assertThat(PathSpec.hasPattern("lake/x.csv")).isFalse();
    }

    @Test
    void aSpecCarriesItsOwnDefaultExtension() {
        PathSpec s = spec("hive/{table}/*");
        assertThat(s.defaultExtension()).isNull();
        PathSpec lines = s.withDefaultExtension(".lines");
        assertThat(lines.defaultExtension()).isEqualTo(".lines");
        assertThat(lines.matches("hive/t/000000_0")).isTrue();
    }

    @Test
    void excludeGlobsCrossLevelsOnlyWithDoubleStar() {
        assertThat(PathSpec.glob("s3://b/**/tmp/**")
                        .matcher("s3://b/a/b/tmp/x.csv")
                        .matches())
                .isTrue();
        assertThat(PathSpec.glob("s3://b/*.csv").matcher("s3://b/a/x.csv").matches())
                .isFalse();
    }
}
