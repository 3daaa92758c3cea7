package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://app:PW@host/db | postgresql://app:****@host/db",
                "postgres://app:PW@h1:5432,h2:5433/db?sslmode=require | postgres://app:****@h1:5432,h2:5433/db?sslmode=require",
                "jdbc:postgresql://host/db?user=app&password=PW | jdbc:postgresql://host/db?user=app&password=****",
                "jdbc:postgresql://host/db?password=PW&user=app | jdbc:postgresql://host/db?password=****&user=app",
                "jdbc:sqlserver://host;user=app;password=PW;db=x | jdbc:sqlserver://host;user=app;password=****;db=x",
                "mongodb://user:PW@h1,h2/db?authSource=admin | mongodb://user:****@h1,h2/db?authSource=admin",
                "mongodb+srv://user:p%40PW@c.net/db | mongodb+srv://user:****@c.net/db",
                "mongodb://user:p@PW@host/db | mongodb://user:****@host/db",
                "s3://bucket/key.csv?X-Amz-Signature=PW&X-Amz-Credential=PW | s3://bucket/key.csv?X-Amz-Signature=****&X-Amz-Credential=****",
                "https://h/api?access_token=PW#frag | https://h/api?access_token=****#frag",
                "https://h/api?api_key=PW&q=1 | https://h/api?api_key=****&q=1",
                "host=h user=app password=PW dbname=db | host=h user=app password=**** dbname=db",
                "mongodb://user@host/db | mongodb://user@host/db",
                "postgresql://host:5432/db | postgresql://host:5432/db",
                "data/orders.csv | data/orders.csv",
                "token=${LUMOS_TOKEN} | token=${LUMOS_TOKEN}",
            })
    void masksTheSecretAndKeepsTheRest(String url, String expected) {
        assertThat(Redaction.redactUrl(url)).isEqualTo(expected).doesNotContain("PW");
        assertThat(Redaction.redactUrl(expected)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "source postgresql://app:PW@host:1/db: could not connect (to postgresql://app:PW@host:1/db) |"
                        + " source postgresql://app:****@host:1/db: could not connect (to postgresql://app:****@host:1/db)",
                "'jdbc:postgresql://h/db?password=PW' is not valid | 'jdbc:postgresql://h/db?password=****' is not valid",
                "failed: mongodb://u:PW@h:27017 timed out | failed: mongodb://u:****@h:27017 timed out",
                "sasl.jaas.config=x password=\"PW\"; | sasl.jaas.config=x password=\"****\";",
            })
    void findsUrlsInsideText(String text, String expected) {
        assertThat(Redaction.redactText(text)).isEqualTo(expected);
        assertThat(Redaction.holdsSecret(text)).isTrue();
        assertThat(Redaction.holdsSecret(expected)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void whatIsKeptOrSentOnHoldsNoPassword() {
        var cause = new IllegalStateException("could not reach postgresql://app:PW@db:5432/shop");
        var error = io.lumos.spi.run.RunEvent.RunError.of(cause);
        assertThat(error.message()).isEqualTo("could not reach postgresql://app:****@db:5432/shop");
        assertThat(error.stackTrace()).doesNotContain("PW").contains("app:****@db");
        assertThat(new LumosException(ErrorCode.SOURCE_FAILED, "jdbc:postgresql://h/db?password=PW failed"))
                .hasMessage("jdbc:postgresql://h/db?password=**** failed");
        assertThat(new ScanProblem("mongodb://u:PW@h/db", "mongodb://u:PW@h/db", "timed out", null, null))
                .hasToString("mongodb://u:****@h/db: timed out");
        assertThat(Settings.of("sources[0]", java.util.Map.of("url", "postgresql://app:PW@h/db"))
                        .toString())
                .doesNotContain("PW");
        var dataset = io.lumos.domain.Dataset.builder(io.lumos.domain.DatasetId.parse("postgres:shop.orders", "PROD"))
                .location("jdbc:postgresql://h/shop?password=PW&table=orders")
                .properties(java.util.Map.of("dsn", "postgresql://app:PW@h/shop", "kind", "table"))
                .build();
        var redacted = Redaction.dataset(dataset);
        assertThat(redacted.location()).isEqualTo("jdbc:postgresql://h/shop?password=****&table=orders");
        assertThat(redacted.properties())
                .containsEntry("dsn", "postgresql://app:****@h/shop")
                .containsEntry("kind", "table");
        var clean = io.lumos.domain.Dataset.builder(io.lumos.domain.DatasetId.parse("csv:orders", "PROD"))
                .location("data/orders.csv")
                .build();
        assertThat(Redaction.dataset(clean)).isSameAs(clean);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown key 'sources' at lumos.yaml:3:1",
                "duplicate primary key: orders",
                "column 'token' of orders.csv is a string",
                "a@b.com wrote to s3://bucket/x",
            })
    void leavesOrdinaryMessagesAlone(String text) {
        assertThat(Redaction.redactText(text)).isEqualTo(text);
        assertThat(Redaction.redactText(null)).isNull();
    }

    @Test
    void masksAuthorizationHeadersAsToolsPrintThem() {
        assertThat(Redaction.redactText("> Authorization: Bearer eyJhbGciOi.x.y"))
                .isEqualTo("> Authorization: ****");
        assertThat(Redaction.redactText("proxy-authorization: Basic dXNlcjpwdw=="))
                .isEqualTo("proxy-authorization: ****");
        assertThat(Redaction.redactText(Redaction.redactText("Authorization: token abc")))
                .isEqualTo("Authorization: ****");
    }
}
