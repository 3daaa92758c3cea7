package io.lumos.source.files;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Statistics;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each dataset from its plan and its merged schema (partition keys as fields, counts, sizes,
 * which files the schema came from) and hands it to the sink.
 */
final class DatasetEmitter {
    private final FileScan scan;
    private final String platform;
    private final String namePrefix;

    DatasetEmitter(FileScan scan, String platform, String namePrefix) {
        this.scan = scan;
        this.platform = platform;
        this.namePrefix = namePrefix;
    }

    void emit(SchemaReads.Pending pending) {
        DatasetPlan plan = pending.plan;
        if (pending.read == 0) {
            return; // every read failed, and each said so
        }
        FileSchema schema = pending.result();

        List<Field> fields = new ArrayList<>(schema.fields());
        plan.partitionKeys().forEach((key, everywhere) -> {
            int existing = indexOf(fields, key);
            if (existing >= 0) {
                fields.set(
                        existing,
                        fields.get(existing).toBuilder().partitionKey(true).build());
            } else {
                fields.add(Field.builder(key, DataType.Primitive.STRING)
                        .nullable(!everywhere)
                        .partitionKey(true)
                        .nativeType("partition")
                        .build());
            }
        });
        FileFormatReader reader = plan.reader();
        boolean allRead = pending.read == plan.files();
        Long rows = allRead ? schema.rowCount() : null;
        Map<String, String> props = new LinkedHashMap<>(schema.properties());
        String warnings = props.get(FileSchemas.WARNINGS);
        if (rows != null && !schema.rowCountExact()) {
            props.put("row_count_exact", "false");
        }
        if (plan.table) {
            props.put("number_of_files", String.valueOf(plan.files()));
        }
        if (!allRead) {
            props.put("schema_inferred_from", scan.display(pending.newestRead.path()));
            props.put("schema_files_read", String.valueOf(pending.read));
        }
        Dataset dataset = Dataset.builder(new DatasetId(
                        platform,
                        datasetName(plan, reader, props),
                        scan.context().environment()))
                .subtype(plan.table ? "table" : reader.subtype())
                .description(schema.description())
                .fields(fields)
                .properties(props)
                .statistics(new Statistics(rows, plan.size(), plan.newest()))
                .location(scan.display(plan.location))
                .build();
        scan.dataset(dataset);
        if (warnings != null) {
            scan.warn(scan.display(plan.location) + ": " + warnings);
        }
    }

    /**
     * A schema file names its dataset itself: an Avro schema ({@code .avsc}) is the dataset of its
     * record's full name, whatever the file is called, as a schema registry names it.
     */
    private String datasetName(DatasetPlan plan, FileFormatReader reader, Map<String, String> props) {
        String declared = props.get("schema_name");
        if (!plan.table && reader.name().equals("avsc") && declared != null && !declared.isBlank()) {
            return namePrefix + declared;
        }
        return plan.name();
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
