package io.lumos.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StderrTailTest {
    @Test
    void passesEverythingThroughAndKeepsTheLastLinesBounded() {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            in.append("line ").append(i).append('\n');
        }
        in.append("x".repeat(10_000)).append("\nlast é");
        StringWriter passed = new StringWriter();
        StderrTail tail = new StderrTail();
        tail.pump(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), new PrintWriter(passed));
        assertThat(passed.toString()).isEqualTo(in.toString());
        String text = tail.text();
        assertThat(text.lines()).hasSize(StderrTail.LINES + 1);
        assertThat(text).doesNotContain("line 31\n").startsWith("line 32\n").endsWith("last é");
        assertThat(text.lines().filter(l -> l.startsWith("xxx")).findFirst().orElseThrow())
                .hasSize(StderrTail.LINE_LIMIT);
    }

    @Test
    void redactsCredentialsInUrlsAndSecretAssignments() {
        assertThat(StderrTail.redact("jdbc:postgresql://app:s3cret@db:5432/shop failed"))
                .isEqualTo("jdbc:postgresql://app:****@db:5432/shop failed");
        assertThat(StderrTail.redact("PASSWORD=hunter2 api_key=abc Authorization: Bearer xyz.abc"))
                .isEqualTo("PASSWORD=**** api_key=**** Authorization: ****");
        assertThat(StderrTail.redact("nothing secret here")).isEqualTo("nothing secret here");
    }
}
