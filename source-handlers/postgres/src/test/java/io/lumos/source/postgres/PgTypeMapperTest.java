package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgTypeMapperTest {
    private final Map<Long, PgType> types = new HashMap<>();

    private PgType add(
            long oid, String schema, String name, char typtype, char category, long elem, long base, int mod) {
        PgType t = new PgType(oid, schema, name, typtype, category, elem, base, mod, false, name, List.of(), List.of());
        types.put(oid, t);
        return t;
    }

    private String map(long oid, int typmod) {
        return new PgTypeMapper(types).map(oid, typmod).print();
    }

    @Test
    void builtInScalars() {
        String[][] cases = {
            {"int2", "int16"},
            {"int4", "int32"},
            {"int8", "int64"},
            {"bool", "boolean"},
            {"float4", "float32"},
            {"float8", "float64"},
            {"text", "string"},
            {"varchar", "string"},
            {"bpchar", "string"},
            {"date", "date"},
            {"time", "time(us)"},
            {"timetz", "timetz(us)"},
            {"timestamp", "timestamp(us)"},
            {"timestamptz", "timestamptz(us)"},
            {"interval", "interval"},
            {"uuid", "uuid"},
            {"json", "json"},
            {"jsonb", "json"},
            {"bytea", "bytes"},
            {"money", "decimal(19,2)"},
            {"point", "unknown"},
            {"tsvector", "string"}
        };
        for (String[] c : cases) {
            assertThat(PgTypeMapper.byCatalogName(c[0], -1).print()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void numericModifiers() {
        assertThat(PgTypeMapper.numeric(((10 << 16) | 2) + 4).print()).isEqualTo("decimal(10,2)");
        assertThat(PgTypeMapper.numeric(((38 << 16)) + 4).print()).isEqualTo("decimal(38,0)");
        assertThat(PgTypeMapper.numeric(-1).print()).isEqualTo("decimal(38,18)");
        // PostgreSQL 15+: numeric(3,-2) holds 99900, numeric(2,5) holds 0.00099
        assertThat(PgTypeMapper.numeric(((3 << 16) | (-2 & 0x7FF)) + 4).print()).isEqualTo("decimal(5,0)");
        assertThat(PgTypeMapper.numeric(((2 << 16) | 5) + 4).print()).isEqualTo("decimal(5,5)");
    }

    @Test
    void arraysTakeTheColumnModifierForTheirElement() {
        add(1700, "pg_catalog", "numeric", 'b', 'N', 0, 0, -1);
        add(1231, "pg_catalog", "_numeric", 'b', 'A', 1700, 0, -1);
        assertThat(map(1231, ((12 << 16) | 3) + 4)).isEqualTo("array<decimal(12,3)>");
    }

    @Test
    void domainsResolveToTheirBaseWithTheDomainsModifier() {
        add(1700, "pg_catalog", "numeric", 'b', 'N', 0, 0, -1);
        add(90001, "sales", "positive_amount", 'd', 'N', 0, 1700, ((10 << 16) | 2) + 4);
        add(90002, "sales", "amount_alias", 'd', 'N', 0, 90001, -1);
        assertThat(map(90001, -1)).isEqualTo("decimal(10,2)");
        assertThat(map(90002, -1)).isEqualTo("decimal(10,2)");
    }

    @Test
    void enumsCompositesAndExtensionTypes() {
        types.put(
                90010L,
                new PgType(
                        90010,
                        "s",
                        "mood",
                        'e',
                        'E',
                        0,
                        0,
                        -1,
                        false,
                        "s.mood",
                        List.of("sad", "very happy"),
                        List.of()));
        add(25, "pg_catalog", "text", 'b', 'S', 0, 0, -1);
        add(23, "pg_catalog", "int4", 'b', 'N', 0, 0, -1);
        types.put(
                90011L,
                new PgType(
                        90011,
                        "s",
                        "addr",
                        'c',
                        'C',
                        0,
                        0,
                        -1,
                        false,
                        "s.addr",
                        List.of(),
                        List.of(new PgType.Member("street", 25, -1), new PgType.Member("no", 23, -1))));
        add(90012, "ext", "citext", 'b', 'S', 0, 0, -1);
        add(90013, "public", "hstore", 'b', 'U', 0, 0, -1);
        add(90014, "public", "geometry", 'b', 'U', 0, 0, -1);
        assertThat(map(90010, -1)).isEqualTo("enum(sad,`very happy`)");
        assertThat(map(90011, -1)).isEqualTo("struct<street:string,no:int32>");
        assertThat(map(90012, -1)).isEqualTo("string");
        assertThat(map(90013, -1)).isEqualTo("map<string,string>");
        assertThat(map(90014, -1)).isEqualTo("unknown");
        assertThat(map(424242, -1)).isEqualTo("unknown");
    }
}
