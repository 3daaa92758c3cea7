package io.lumos.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.ColumnMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lineage[].columns}: the text form with a transformation, the structured form, and mistakes. */
class ConfigLoaderColumnMappingTest extends YamlConfigTest {
    @Test
    void textAndStructuredMappingsSayHowTheColumnWasMade() throws Exception {
        LumosConfig c = load(
                """
                lumos_config:
                  lineage:
                    - upstream: "postgres:shop.public.orders"
                      downstream: "csv:mart.daily"
                      columns:
                        - "amount=revenue:AGGREGATION"
                        - "id+customer_id=order_key"
                        - "customer_id=customer:indirect/join"
                        - "status=status:INDIRECT"
                        - from: [amount, discount]
                          to: net
                          subtype: transformation
                          description: amount - discount
                        - { from: region, to: region, type: DIRECT, subtype: IDENTITY }
                """);
        List<ColumnMapping> cols = c.lineage().get(0).columns();
        assertThat(cols)
                .containsExactly(
                        new ColumnMapping(List.of("amount"), "revenue", null, "DIRECT", "AGGREGATION"),
                        new ColumnMapping(List.of("id", "customer_id"), "order_key", null),
                        new ColumnMapping(List.of("customer_id"), "customer", null, "INDIRECT", "JOIN"),
                        new ColumnMapping(List.of("status"), "status", null, "INDIRECT", null),
                        new ColumnMapping(
                                List.of("amount", "discount"), "net", "amount - discount", "DIRECT", "TRANSFORMATION"),
                        new ColumnMapping(List.of("region"), "region", null, "DIRECT", "IDENTITY"));
    }

    @Test
    void eachBadMappingIsOneLineAtItsOwnPlace() {
        String m = error(
                """
                lumos_config:
                  lineage:
                    - upstream: "postgres:shop.public.orders"
                      downstream: "csv:mart.daily"
                      columns:
                        - "amount=revenue:AGGREGATE"
                        - "amount=revenue"
                        - { from: [a], to: b, type: DIRECT, subtype: JOIN }
                        - { from: [a], to: b, kind: JOIN }
                        - { to: b, subtype: FILTER }
                        - "justacolumn"
                """);
        assertThat(m)
                .contains("lumos.yaml:6:11: column mapping 'amount=revenue:AGGREGATE': transformation subtype"
                        + " 'AGGREGATE' is not one of IDENTITY, TRANSFORMATION, AGGREGATION, JOIN")
                .contains("lumos.yaml:8:11: column mapping to 'b': JOIN is an indirect transformation, not DIRECT;"
                        + " write type INDIRECT or leave the type out")
                .contains("lumos.yaml:9:31: unknown key 'kind' in a column mapping; the keys are description, from,"
                        + " subtype, to, type")
                .contains("lumos.yaml:10:11: column mapping to 'b' needs at least one upstream column in 'from'")
                .contains("lumos.yaml:11:11: column mapping 'justacolumn' must look like UPSTREAM=DOWNSTREAM")
                .doesNotContain("lumos.yaml:7:");
    }
}
