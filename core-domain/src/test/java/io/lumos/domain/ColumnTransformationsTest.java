package io.lumos.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTransformationsTest {
    @Test
    void theTextFormTakesASubtypeATypeOrBoth() {
        assertThat(ColumnTransformations.parse("revenue = amount : aggregation"))
                .isEqualTo(new ColumnMapping(List.of("revenue"), "amount", null, "DIRECT", "AGGREGATION"));
        assertThat(ColumnTransformations.parse("a+b=c:WINDOW"))
                .isEqualTo(new ColumnMapping(List.of("a", "b"), "c", null, "INDIRECT", "WINDOW"));
        assertThat(ColumnTransformations.parse("a=c:INDIRECT"))
                .isEqualTo(new ColumnMapping(List.of("a"), "c", null, "INDIRECT", null));
        assertThat(ColumnTransformations.parse("a=c:direct/identity").isIdentity())
                .isTrue();
        assertThat(ColumnTransformations.parse("a=c")).isEqualTo(ColumnMapping.parse("a=c"));
        for (String sub : ColumnTransformations.subtypes()) {
            ColumnMapping m = ColumnTransformations.parse("x=y:" + sub);
            assertThat(ColumnTransformations.parse(ColumnTransformations.format(m)))
                    .isEqualTo(m);
            assertThat(m.transformationType()).isEqualTo(ColumnTransformations.typeOf(sub));
        }
    }

    @Test
    void mistakesSayWhatIsAllowed() {
        assertThatThrownBy(() -> ColumnTransformations.parse("a=b:SUMMED"))
                .hasMessageContaining("'SUMMED' is not one of IDENTITY, TRANSFORMATION, AGGREGATION");
        assertThatThrownBy(() -> ColumnTransformations.parse("a=b:DIRECT/FILTER"))
                .hasMessageContaining("FILTER is an indirect transformation, not DIRECT");
        assertThatThrownBy(() -> ColumnTransformations.parse("a=b:SIDEWAYS/FILTER"))
                .hasMessageContaining("type 'SIDEWAYS' is not one of DIRECT, INDIRECT");
        assertThatThrownBy(() -> ColumnTransformations.parse("a=b:"))
                .hasMessageContaining("has ':' but no transformation after it");
        assertThatThrownBy(() -> ColumnTransformations.parse("=b:JOIN"))
                .hasMessageContaining("must look like UPSTREAM=DOWNSTREAM");
    }

    @Test
    void nounsForTheGate() {
        assertThat(ColumnTransformations.noun(ColumnTransformations.parse("a=b:AGGREGATION")))
                .isEqualTo("an aggregation");
        assertThat(ColumnTransformations.noun(ColumnTransformations.parse("a=b:IDENTITY")))
                .isNull();
        assertThat(ColumnTransformations.noun(ColumnMapping.parse("a=b"))).isNull();
    }
}
