package io.lumos.source.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SchemaMerger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table's per-file counts are summed, not kept as distinct values: a distinct value per file
 * made the merged properties, and the memory of the merge, grow with the files of a table.
 */
class TableMergeTest {
    private static FileSchema file(int footerBytes, int rowGroups, long size) {
        return new FileSchema(
                List.of(Field.of("id", DataTypes.parse("int64"), false)),
                10L,
                true,
                Map.of(
                        "footer_bytes", String.valueOf(footerBytes),
                        "num_row_groups", String.valueOf(rowGroups),
                        "size", String.valueOf(size),
                        "created_by", "writer 1"),
                null);
    }

    @Test
    void footerBytesAndRowGroupsAreSummedOverTheFiles() {
        SchemaMerger merger = new ParquetFormatReader().merger();
        for (int i = 1; i <= 1000; i++) {
            merger.add(file(10_000 + i, 1 + i % 2, 100));
        }
        FileSchema table = merger.result();
        long footers = 0;
        long groups = 0;
        for (int i = 1; i <= 1000; i++) {
            footers += 10_000 + i;
            groups += 1 + i % 2;
        }
        assertThat(table.properties())
                .containsEntry("footer_bytes", String.valueOf(footers))
                .containsEntry("num_row_groups", String.valueOf(groups))
                .containsEntry("size", "100000")
                .containsEntry("created_by", "writer 1")
                .containsEntry("files", "1000");
        assertThat(table.rowCount()).isEqualTo(10_000L);
        assertThat(new ParquetFormatReader()
                        .merge(List.of(file(5, 1, 1), file(7, 2, 1)))
                        .properties())
                .containsEntry("footer_bytes", "12")
                .containsEntry("num_row_groups", "3");
    }
}
