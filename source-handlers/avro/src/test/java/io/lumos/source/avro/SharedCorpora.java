package io.lumos.source.avro;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared corpora: -Dlumos.shared, then $LUMOS_SHARED, then ../shared beside the repo. */
final class SharedCorpora {
    private SharedCorpora() {}

    static Path root() {
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

    static Path corpora() {
        return root().resolve("corpora");
    }
}
