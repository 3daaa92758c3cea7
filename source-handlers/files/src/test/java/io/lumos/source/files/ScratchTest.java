package io.lumos.source.files;

import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSeekableInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path dir;

    @Test
    void time() throws Exception {
        long t0 = System.nanoTime();
        for (int t = 0; t < 30; t++) {
            for (int f = 0; f < 10; f++) {
                Path p = dir.resolve("lake/t%02d/part-%d.csv".formatted(t, f));
                Files.createDirectories(p.getParent());
                Files.writeString(p, "id,v\n" + f + ",x\n");
            }
        }
        long t1 = System.nanoTime();
        System.out.println("write " + (t1 - t0) / 1e6);
        Path p = dir.resolve("lake/t00/part-0.csv");
        CsvFormatReader r = new CsvFormatReader();
        for (int rep = 0; rep < 5; rep++) {
            long a = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                try (FileSeekableInput in = new FileSeekableInput(p)) {
                    r.read(in, FileReadOptions.DEFAULT.withFullScan(rep % 2 == 0));
                }
            }
            System.out.println("read x300 full=" + (rep % 2 == 0) + " " + (System.nanoTime() - a) / 1e6);
        }
        for (int rep = 0; rep < 3; rep++) {
            long a = System.nanoTime();
            TestSupport.scan(dir, Map.of("path", "lake"));
            System.out.println("scan " + (System.nanoTime() - a) / 1e6);
        }
    }
}
