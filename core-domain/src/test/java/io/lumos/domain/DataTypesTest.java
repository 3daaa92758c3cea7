package io.lumos.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "boolean",
                "int8",
                "int16",
                "int32",
                "int64",
                "uint8",
                "uint16",
                "uint32",
                "uint64",
                "float16",
                "float32",
                "float64",
                "decimal(38,10)",
                "decimal(1,0)",
                "string",
                "bytes",
                "fixed(16)",
                "date",
                "time(ms)",
                "time(us)",
                "time(ns)",
                "timetz(ms)",
                "timetz(us)",
                "timetz(ns)",
                "timestamp(ms)",
                "timestamp(us)",
                "timestamptz(ns)",
                "interval",
                "uuid",
                "json",
                "enum(a,b,c)",
                "enum()",
                "array<string>",
                "map<string,array<int32>>",
                "struct<a:int32,b:struct<c:array<map<string,uuid>>>>",
                "struct<>",
                "union<int32,string,struct<x:float64>>",
                "null",
                "unknown",
                "struct<value:int64,next:LinkedList>",
                "enum(`two words`,`a,b`,`back``tick`)",
                "struct<`field with space`:string,`x:y`:int8>",
                "array<com.example.Node>",
                "array<`my node`>"
            })
    void printsAndParsesBackTheSameString(String text) {
        DataType type = DataTypes.parse(text);
        assertThat(type.print()).isEqualTo(text);
        assertThat(DataTypes.parse(type.print())).isEqualTo(type);
    }

    @Test
    void whitespaceIsAllowedBetweenTokens() {
        assertThat(DataTypes.parse(" map < string , decimal( 10 , 2 ) > ").print())
                .isEqualTo("map<string,decimal(10,2)>");
    }

    @Test
    void structsKeepMemberOrder() {
        StructType s = (StructType) DataTypes.parse("struct<z:int32,a:string>");
        assertThat(s.members()).extracting(StructType.Member::name).containsExactly("z", "a");
        assertThat(s.members().get(0).type()).isEqualTo(Primitive.INT32);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "decimal(2,3)",
                "array<int32",
                "map<string>",
                "time(s)",
                "struct<a>",
                "int32 junk",
                "struct<a:int32,a:string>",
                "`open"
            })
    void rejectsMalformedStringsWithAPosition(String text) {
        assertThatThrownBy(() -> DataTypes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "type" : "");
    }

    @Test
    void aNamedReferenceCannotBeAKeyword() {
        assertThatThrownBy(() -> new DataType.Named("int32")).hasMessageContaining("keyword");
    }

    @Test
    void fieldsDeriveNestedChildrenWithPaths() {
        Field f = Field.of("customer", DataTypes.parse("struct<id:int64,addresses:array<struct<city:string>>>"), true);
        assertThat(f.flatten())
                .extracting(Field::path)
                .containsExactly("customer", "customer.id", "customer.addresses", "customer.addresses.city");
        Dataset d =
                Dataset.builder(DatasetId.of("file", "x")).fields(List.of(f)).build();
        assertThat(d.field("customer.addresses.city")).isPresent();
    }
}
