package io.lumos.platform.local;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Run in a child JVM by the kill test: writes batches forever, saying after each what is committed. */
public final class KillChild {
    private KillChild() {}

    public static void main(String[] args) {
        LocalCatalog catalog = new LocalCatalog(Path.of(args[0]), Duration.ofSeconds(30), Clock.systemUTC());
        for (int batch = 0; ; batch++) {
            List<Dataset> datasets = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                List<Field> fields = new ArrayList<>();
                for (int f = 0; f < 20; f++) {
                    fields.add(Field.of("f" + f, DataType.Primitive.INT64, true));
                }
                datasets.add(Dataset.builder(DatasetId.of("file", "t" + batch + "_" + i))
                        .fields(fields)
                        .build());
            }
            catalog.writeDatasets(datasets);
            System.out.println("committed " + (batch + 1) * 200);
            System.out.flush();
        }
    }
}
