package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeTypesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Spark
                "long | int64",
                "integer | int32",
                "string | string",
                "decimal(10,2) | decimal(10,2)",
                "timestamp | timestamp(us)",
                "array<string> | array<string>",
                "map<string,bigint> | map<string,int64>",
                "struct<a:int,b:array<struct<c:double>>> | struct<a:int32,b:array<struct<c:float64>>>",
                // PostgreSQL
                "character varying(255) | string",
                "double precision | float64",
                "timestamp with time zone | timestamptz(us)",
                "timestamp without time zone | timestamp(us)",
                "numeric(12,2) | decimal(12,2)",
                "int4 | int32",
                "jsonb | json",
                "uuid | uuid",
                // Snowflake and BigQuery (dbt)
                "NUMBER(38,0) | decimal(38,0)",
                "TIMESTAMP_NTZ | timestamp(us)",
                "TIMESTAMP_LTZ | timestamptz(us)",
                "VARIANT | json",
                "INT64 | int64",
                "FLOAT64 | float64",
                "BOOL | boolean",
                "BIGNUMERIC | decimal(76,38)",
                "ARRAY<STRING> | array<string>",
                "STRUCT<a INT64, b STRING> | struct<a:int64,b:string>",
                // Flink
                "BIGINT NOT NULL | int64",
                "VARCHAR(2147483647) | string",
                "TIMESTAMP(3) | timestamp(ms)",
                "TIMESTAMP(3) WITH LOCAL TIME ZONE | timestamptz(ms)",
                "ROW<`os` STRING, `version` INT> | struct<os:string,version:int32>",
                "ROW<id BIGINT NOT NULL, tags ARRAY<STRING>> | struct<id:int64,tags:array<string>>",
                // ours, and what nobody knows
                "timestamptz(ns) | timestamptz(ns)",
                "geography | unknown",
                "struct<a:int | unknown",
                "'' | unknown",
            })
    void readsTheTypeNamesProducersWrite(String text, String ours) {
        assertThat(NativeTypes.parse(text).type().print()).isEqualTo(ours);
    }

    @ParameterizedTest
    @CsvSource({"BIGINT NOT NULL,true", "BIGINT,false", "STRING not null,true"})
    void notNullIsRead(String text, boolean notNull) {
        assertThat(NativeTypes.parse(text).notNull()).isEqualTo(notNull);
    }
}
