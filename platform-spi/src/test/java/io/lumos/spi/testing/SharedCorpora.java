package io.lumos.spi.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared corpora for tests: -Dlumos.shared, then $LUMOS_SHARED, then ../shared beside the
 * repository; a test that needs them is skipped (not failed) when none is there.
 */
public final class SharedCorpora {
    private SharedCorpora() {}

    public static Path root() {
        for (String candidate : new String[] {System.getProperty("lumos.shared"), System.getenv("LUMOS_SHARED")}) {
            if (candidate != null && !candidate.isBlank() && Files.isDirectory(Path.of(candidate, "corpora"))) {
                return Path.of(candidate);
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fallback = dir == null ? null : dir.resolveSibling("shared");
        assumeTrue(
                fallback != null && Files.isDirectory(fallback.resolve("corpora")),
                "shared corpora not found: set -Dlumos.shared or LUMOS_SHARED to the shared folder");
        return fallback;
    }

    public static Path corpora() {
        return root().resolve("corpora");
    }
}
