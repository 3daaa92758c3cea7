package io.lumos.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** A config section's tests: a YAML text loaded as {@code lumos.yaml}, or the one problem it has. */
abstract class YamlConfigTest extends io.lumos.cli.CliTestSupport {
    @TempDir
    Path dir;

    LumosConfig load(String yaml) throws Exception {
        Path file = dir.resolve("lumos.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of()).load(file, Set.of("local"), type -> Set.of());
    }

    /** The message of the config error the YAML must give (a usage error, exit 2). */
    String error(String yaml) {
        try {
            load(yaml);
        } catch (LumosException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for\n" + yaml);
    }
}
