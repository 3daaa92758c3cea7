package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgIdentifiersTest {
    @Test
    void plainNamesAreQuotedToo() {
        assertThat(PgIdentifiers.quote("orders")).isEqualTo("\"orders\"");
        assertThat(PgIdentifiers.quote("Orders")).isEqualTo("\"Orders\"");
    }

    @Test
    void innerQuotesAreDoubledSoANameCannotCloseTheQuote() {
        assertThat(PgIdentifiers.quote("a\"; DROP TABLE x; --")).isEqualTo("\"a\"\"; DROP TABLE x; --\"");
        assertThat(PgIdentifiers.quote("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void spacesUnicodeAndDotsStayInsideOneIdentifier() {
        assertThat(PgIdentifiers.quote("tåble \"x\" 1")).isEqualTo("\"tåble \"\"x\"\" 1\"");
        assertThat(PgIdentifiers.qualified("we\"ird sch", "a.b")).isEqualTo("\"we\"\"ird sch\".\"a.b\"");
        assertThat(PgIdentifiers.quote("表")).isEqualTo("\"表\"");
    }

    @Test
    void emptyAndNulNamesAreRefused() {
        assertThatThrownBy(() -> PgIdentifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printedNamesAreQuotedOnlyWhereNeeded() {
        assertThat(PgIdentifiers.display("public", "orders")).isEqualTo("public.orders");
        assertThat(PgIdentifiers.display("Sales", "order items")).isEqualTo("\"Sales\".\"order items\"");
        assertThat(PgIdentifiers.display("we\"ird", "a.b")).isEqualTo("\"we\"\"ird\".\"a.b\"");
        assertThat(PgIdentifiers.quoteIfNeeded("t_1$")).isEqualTo("t_1$");
        assertThat(PgIdentifiers.quoteIfNeeded("1t")).isEqualTo("\"1t\"");
    }
}
