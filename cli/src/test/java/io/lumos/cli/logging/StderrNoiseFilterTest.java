package io.lumos.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StderrNoiseFilterTest {
    /** What ANTLR's RuntimeMetaData.checkVersion prints for the DataHub client's PDL parser. */
    static final String TOOL =
            "ANTLR Tool version 4.5 used for code generation does not match the current runtime version 4.9.3";

    static final String RUNTIME =
            "ANTLR Runtime version 4.5 used for parser compilation does not match the current runtime version 4.9.3";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(new StderrNoiseFilter(out), true, StandardCharsets.UTF_8);

    private String seen() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsExactlyAntlrsVersionLinesAndPassesEverythingElse() {
        err.println("ingesting 3 source(s)");
        err.printf("%s%n", TOOL); // as checkVersion prints them
        err.printf("%s%n", RUNTIME);
        err.println("ANTLR is a parser generator"); // an ANTLR line that is not the version warning
        err.println("error: ANTLR Tool version 4.5 used for code generation does not match the current runtime"
                + " version 4.9.3 (quoted, not at the start)");
        err.println("ingested 8 dataset(s) into datahub");
        assertThat(seen())
                .isEqualTo(String.join(
                        "\n",
                        "ingesting 3 source(s)",
                        "ANTLR is a parser generator",
                        "error: ANTLR Tool version 4.5 used for code generation does not match the current runtime"
                                + " version 4.9.3 (quoted, not at the start)",
                        "ingested 8 dataset(s) into datahub",
                        ""));
    }

    @Test
    void aLineThatCannotBeTheWarningGoesOutBeforeItEnds() {
        err.print("\rscanning 3/10");
        err.flush();
        assertThat(seen()).isEqualTo("\rscanning 3/10");
        err.print(" A");
        assertThat(seen()).isEqualTo("\rscanning 3/10 A");
        err.print("\rAB");
        assertThat(seen()).isEqualTo("\rscanning 3/10 A\rAB");
    }

    @Test
    void theWarningWrittenByteByByteOrAcrossWritesIsDroppedToo() {
        byte[] bytes = ("x\n" + TOOL + "\n" + RUNTIME + "\ny\n").getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            err.write(b);
        }
        err.write(bytes, 0, 5);
        err.write(bytes, 5, bytes.length - 5);
        assertThat(seen()).isEqualTo("x\ny\nx\ny\n");
    }

    @Test
    void aHeldStartIsWrittenOnClose() {
        err.print("ANTLR 4");
        assertThat(seen()).isEmpty();
        err.close();
        assertThat(seen()).isEqualTo("ANTLR 4");
    }
}
