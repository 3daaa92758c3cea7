package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import org.junit.jupiter.api.Test;

/** A time of day keeps its zone through DataHub: TimeType out, the native type tells it back. */
class TypeMappingTimeTest {
    @Test
    void timetzIsATimeTypeAndComesBackFromItsNativeType() {
        var out = TypeMapping.toDataHub(DataTypes.parse("timetz(us)"));
        assertThat(TypeMapping.memberName(out)).isEqualTo("TimeType");
        assertThat(TypeMapping.fromDataHub(out, "timetz").print()).isEqualTo("timetz(us)");
        assertThat(TypeMapping.fromDataHub(out, "time with time zone").print()).isEqualTo("timetz(us)");
        assertThat(TypeMapping.fromDataHub(out, "time without time zone").print())
                .isEqualTo("time(us)");
        assertThat(TypeMapping.fromDataHub(out, "time").print()).isEqualTo("time(us)");
        assertThat(TypeMapping.fromDataHub(out, "timestamp without time zone").print())
                .isEqualTo("timestamp(us)");
    }
}
