package io.lumos.export.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.export.table.Column;
import io.lumos.export.table.Table;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POI's log4j-api gets its simple provider from this module's {@code log4j2.component.properties},
 * not from JVM-wide system properties that every other library in the process would see.
 */
class PoiLoggingTest {
    @TempDir
    Path dir;

    @Test
    void writingAWorkbookChoosesPoisLoggerWithoutASystemProperty() throws Exception {
        Table t = new Table("T", "t", List.of(Column.integer("n", "N")), sink -> sink.row(1L));
        assertThat(new XlsxWriter(10).write(List.of(t), dir.resolve("t.xlsx"))).isEqualTo(1);
        assertThat(System.getProperty("log4j.provider")).isNull();
        assertThat(System.getProperty("log4j2.loggerContextFactory")).isNull();
        assertThat(LogManager.getFactory().getClass().getName()).contains(".simple.");
    }
}
