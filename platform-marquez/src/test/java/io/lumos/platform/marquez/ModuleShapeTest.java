package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape issue 16 asks of this module: rooms a reader can hold (no main class over about 600
 * lines without a reason written at its top) and one paging loop (every paged listing goes
 * through {@link MarquezHttp#forEachItem}).
 */
class ModuleShapeTest {
    static final Path MAIN = Path.of("src/main/java/io/lumos/platform/marquez");

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noClassOverSixHundredLinesWithoutAReasonAtItsTop() throws IOException {
        assertThat(sources()).isNotEmpty().allSatisfy(p -> {
            List<String> lines = Files.readAllLines(p);
            if (lines.size() > 600) {
                assertThat(String.join("\n", lines.subList(0, 60)))
                        .as("%s has %d lines: split it or say at its top why not", p.getFileName(), lines.size())
                        .contains("Why one class");
            }
        });
    }

    @Test
    void pagedListingsGoThroughOneHelper() throws IOException {
        assertThat(sources())
                .filteredOn(p -> !p.getFileName().toString().equals("MarquezHttp.java"))
                .allSatisfy(p -> assertThat(Files.readString(p))
                        .as("%s pages by itself; use MarquezHttp.forEachItem", p.getFileName())
                        .doesNotContain("offset="));
    }
}
