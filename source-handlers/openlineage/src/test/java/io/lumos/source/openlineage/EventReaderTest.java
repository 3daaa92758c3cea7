package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {
    @TempDir
    Path dir;

    @Test
    void theNewlineSearchFindsTheFirstNewlineEightBytesAtATime() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] buf = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < buf.length; i++) {
                // bytes next to '\n' (0x0a) and with the high bit set: where a carry would mislead
                buf[i] = (byte)
                        switch (random.nextInt(5)) {
                            case 0 -> '\n';
                            case 1 -> 0x0b;
                            case 2 -> 0x09;
                            case 3 -> 0x8a;
                            default -> random.nextInt(256);
                        };
            }
            int from = random.nextInt(buf.length);
            int to = from + random.nextInt(buf.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (buf[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(EventReader.newline(buf, from, to)).as("round " + round).isEqualTo(expected);
        }
    }

    @Test
    void linesAreSplitAcrossBuffersWithTheirNumbers() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String line = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 3000) + "\"}";
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add((i + (i - 1) / 10) + "/" + i + ":" + line.length());
            if (i % 10 == 0) {
                text.append("  \n"); // blank lines are skipped, but counted
            }
        }
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, text.toString().strip(), StandardCharsets.UTF_8); // no newline at the end
        List<String> seen = new ArrayList<>();
        new EventReader(new ObjectMapper()).read(file, new EventReader.Handler() {
            @Override
            public void event(byte[] bytes, int length, int line) {
                String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
                assertThat(s).startsWith("{\"n\":").endsWith("\"}");
                seen.add(line + "/" + s.substring(5, s.indexOf(',')) + ":" + length);
            }

            @Override
            public void malformed(int line, String message) {
                throw new AssertionError(line + ": " + message);
            }
        });
        assertThat(seen).isEqualTo(expected);
    }
}
