package io.lumos.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every CSV and JSON file of the shared corpora is either read or rejected with one clear line. */
class CorpusConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsReadOrRejectedInOneLine() throws IOException {
        Path shared = TestSupport.shared();
        List<Path> files;
        try (Stream<Path> walk =
                Stream.concat(Files.walk(shared.resolve("corpora/csv")), Files.walk(shared.resolve("corpora/json")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> FileFormatReader.find(
                                    TestSupport.READERS, p.getFileName().toString())
                            .isPresent())
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(60);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(shared.relativize(f).toString(), () -> {
                    FileFormatReader reader = FileFormatReader.find(
                                    TestSupport.READERS, f.getFileName().toString())
                            .orElseThrow();
                    for (boolean full : new boolean[] {false, true}) {
                        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                            try (FileSeekableInput in = new FileSeekableInput(f)) {
                                FileSchema s = reader.read(in, FileReadOptions.DEFAULT.withFullScan(full));
                                String line = ("OK   " + shared.relativize(f) + " " + s.rowCount() + " "
                                        + s.fields().stream()
                                                .map(x -> x.name() + ":"
                                                        + x.type().print() + (x.nullable() ? "?" : ""))
                                                .toList()
                                        + " " + s.properties());
                                if (!full) System.out.println(line.substring(0, Math.min(line.length(), 260)));
                                assertThat(s.fields()).isNotEmpty();
                            } catch (LumosException e) {
                                System.out.println("FAIL " + shared.relativize(f) + " " + e.getMessage());
                                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
                            }
                        });
                    }
                }));
    }
}
