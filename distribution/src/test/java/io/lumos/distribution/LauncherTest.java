package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root ./lumos of a source checkout, with a stand-in for the Maven wrapper that prints what
 * Maven prints: the build shows a line per module and says how long it takes, a failed build shows
 * its errors, and a built distribution runs through its bin/lumos.
 */
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path clone;

    record Run(int code, String out, String err) {}

    private void checkout(String mvnw) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here; skipping");
        Files.copy(ROOT.resolve("lumos"), clone.resolve("lumos"));
        executable(clone.resolve("lumos"));
        Files.writeString(clone.resolve("mvnw"), mvnw);
        executable(clone.resolve("mvnw"));
        Files.writeString(clone.resolve("pom.xml"), "<project/>");
    }

    private static void executable(Path file) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run lumos(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(
                java.util.List.of(clone.resolve("lumos").toString()));
        command.addAll(java.util.List.of(args));
        Path out = clone.resolve("out.txt");
        Path err = clone.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(clone.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("TMPDIR", clone.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunShowsTheBuildModuleByModuleThenRunsTheDistribution() throws Exception {
        checkout(String.join(
                "\n",
                "#!/usr/bin/env bash",
                "echo '[INFO] Scanning for projects...'",
                "echo '[INFO] Building Lumos 0.1.0-SNAPSHOT                                  [1/3]'",
                "echo '[INFO] Building Lumos core domain 0.1.0-SNAPSHOT                      [2/3]'",
                "echo '[INFO] Compiling 80 source files'",
                "echo '[INFO] Building Lumos distribution 0.1.0-SNAPSHOT                     [3/3]'",
                "mkdir -p distribution/target/lumos/bin",
                "printf '#!/usr/bin/env bash\\necho \"the distribution ran with: $*\"\\n' > distribution/target/lumos/bin/lumos",
                "chmod +x distribution/target/lumos/bin/lumos",
                ""));
        Run first = lumos("datasets", "list");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err())
                .contains("about 4 minutes")
                .contains("[  1/3]")
                .contains("Lumos core domain")
                .contains("[  3/3]")
                .contains("Lumos distribution")
                .doesNotContain("Compiling")
                .contains("lumos: built in ");
        assertThat(first.out()).isEqualTo("the distribution ran with: datasets list\n");

        Run second = lumos("plugins");
        assertThat(second.err()).as("built already: no build").isEmpty();
        assertThat(second.out()).isEqualTo("the distribution ran with: plugins\n");
    }

    @Test
    void aFailedBuildShowsItsErrorsAndKeepsTheLog() throws Exception {
        checkout(String.join(
                "\n",
                "#!/usr/bin/env bash",
                "echo '[INFO] Building Lumos 0.1.0-SNAPSHOT                                  [1/2]'",
                "echo '[ERROR] /src/Foo.java:[3,1] class, interface, enum, or record expected'",
                "exit 1",
                ""));
        Run r = lumos("--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("the build failed")
                .contains("[ERROR] /src/Foo.java:[3,1] class, interface, enum, or record expected")
                .containsPattern("the full build log is .*lumos-build\\.");
        assertThat(r.out()).isEmpty();
    }
}
