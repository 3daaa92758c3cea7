package io.lumos.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.diff.IgnoreEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's ignore file is read through the config's YAML reader: YAML or JSON, strict. */
class IgnoreFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("ignore.yaml"), text);
    }

    @Test
    void yamlAndJsonBothRead() throws Exception {
        List<IgnoreEntry> yaml = IgnoreFile.read(
                write(
                        """
                ignore:
                  - dataset: postgres:shop.public.orders
                    path: customer_id
                    rule: FIELD_REMOVED
                    reason: consumers moved
                    expires: 2026-12-31
                """));
        assertThat(yaml).singleElement().satisfies(e -> assertThat(e.expires()).isEqualTo(LocalDate.of(2026, 12, 31)));
        List<IgnoreEntry> json = IgnoreFile.read(
                write("{\"ignore\": [{\"dataset\": \"*\", \"rule\": \"FIELD_REMOVED\", \"reason\": \"r\"}]}"));
        assertThat(json).hasSize(1);
    }

    @Test
    void aKeyWrittenTwiceIsRefusedNotSilentlyReplaced() throws Exception {
        Path file = write(
                """
                ignore:
                  - dataset: "*"
                    reason: first
                    reason: second
                """);
        assertThatThrownBy(() -> IgnoreFile.read(file))
                .hasMessageContaining(file + ":4:5: duplicate key 'reason' (first at " + file + ":3:5)");
    }

    @Test
    void notYamlNamesWhere() throws Exception {
        Path file = write("ignore: [a\n");
        assertThatThrownBy(() -> IgnoreFile.read(file))
                .hasMessageContaining(file + ":2:1: invalid YAML")
                .hasMessageContaining("an ignore file is YAML or JSON");
    }
}
