package io.lumos.spi.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The format of a file without an extension, from its first bytes. */
class FormatSnifferTest {
    private static Optional<String> sniff(String text, boolean complete) {
        return FormatSniffer.sniff(text.getBytes(UTF_8), complete);
    }

    @Test
    void magicNumbersComeFirst() {
        assertThat(FormatSniffer.sniff(new byte[] {'P', 'A', 'R', '1', 0, 0, 1}, false))
                .contains(".parquet");
        assertThat(FormatSniffer.sniff(new byte[] {'O', 'b', 'j', 1, 4, 0x14}, false))
                .contains(".avro");
        assertThat(FormatSniffer.sniff(new byte[] {'O', 'b', 'j', 2}, true)).isEmpty();
    }

    @Test
    void jsonDocumentsAndLines() {
        assertThat(sniff("{\"a\": 1}\n{\"a\": 2}\n", true)).contains(".jsonl");
        assertThat(sniff("  [{\"a\": 1},\n {\"a\": 2}]", true)).contains(".json");
        assertThat(sniff("{\n  \"a\": 1\n}\n", true)).contains(".json");
    }

    @Test
    void delimitedTextWhoseLinesAgree() {
        assertThat(sniff("id,name\n1,\"a, b\"\n2,c\n", true)).contains(".csv");
        assertThat(sniff("id\tname\n1\ta\n", true)).contains(".tsv");
        assertThat(sniff("1|x|y\n2|z|w\n3|q", false)).contains(".csv");
        assertThat(sniff("This is a README.\nIt has words, and commas, here,\nbut no table\n", true))
                .isEmpty();
        assertThat(sniff("one line, no more", true)).isEmpty();
    }

    @Test
    void binaryIsNothing() {
        assertThat(FormatSniffer.sniff(new byte[] {1, 0, 2, 0, 3}, true)).isEmpty();
        assertThat(FormatSniffer.sniff(new byte[] {(byte) 0xC3, (byte) 0x28, ',', '\n'}, true))
                .isEmpty();
        assertThat(FormatSniffer.sniff(new byte[0], true)).isEmpty();
    }

    @Test
    void aDefaultExtensionIsWrittenEitherWay() {
        assertThat(FormatSniffer.extension("parquet")).isEqualTo(".parquet");
        assertThat(FormatSniffer.extension(" .CSV")).isEqualTo(".csv");
    }
}
