package io.lumos.platform.marquez;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared folder (specs, corpora): property lumos.shared, env LUMOS_SHARED, or ../shared of the repo. */
final class Shared {
    private Shared() {}

    static Path require(String sub) {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("lumos.shared");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("LUMOS_SHARED");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw"))) {
                candidates.add(dir.resolve("../shared").normalize());
                break;
            }
            dir = dir.getParent();
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve(sub))) {
                return c.resolve(sub);
            }
        }
        assumeTrue(false, "shared folder with " + sub + " not found (set -Dlumos.shared or LUMOS_SHARED); skipping");
        return null;
    }
}
