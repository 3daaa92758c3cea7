package io.lumos.spi.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountingInputStreamTest {
    @Test
    void countsBytesReadOneByOneAndInBlocksButNotSkipped() throws IOException {
        AtomicLong total = new AtomicLong();
        try (CountingInputStream in =
                new CountingInputStream(new ByteArrayInputStream(new byte[100]), total::addAndGet)) {
            assertThat(in.read()).isZero();
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
            assertThat(in.skip(20)).isEqualTo(20);
            assertThat(in.readAllBytes()).hasSize(69);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.count()).isEqualTo(80);
        }
        assertThat(total).hasValue(80);
    }
}
