package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataProduct;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Field;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.Owner;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.LumosException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data products, the lifecycle and what each source's last ingest found, in the SQLite catalog. */
class LocalProductsLifecycleTest {
    static final DatasetId A = DatasetId.of("csv", "a");
    static final DatasetId B = DatasetId.of("csv", "b");

    @TempDir
    Path dir;

    private LocalCatalog open() {
        return new LocalCatalog(dir.resolve("catalog.db"), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static Dataset dataset(DatasetId id) {
        return Dataset.builder(id)
                .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                .build();
    }

    @Test
    void productsRoundTripAndAreReplacedByName() {
        DataProduct p = new DataProduct(
                "orders",
                "Orders",
                "sales",
                List.of(new Owner("carol", "BUSINESS_OWNER")),
                List.of("csv:*"),
                List.of(B, A),
                new DataProduct.Terms(24, CompatibilityMode.FULL, "#sales"));
        try (LocalCatalog c = open()) {
            c.writeProducts(List.of(p));
        }
        try (LocalCatalog c = open()) {
            assertThat(c.products()).containsExactly(p);
            assertThat(c.products().get(0).assets()).containsExactly(A, B);
            DataProduct fewer = p.withAssets(List.of(A));
            c.writeProducts(List.of(fewer));
            assertThat(c.products()).containsExactly(fewer);
        }
    }

    @Test
    void theLifecycleIsSetOnTheStoredDatasetAndKeepsHandAddedOwners() {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset(A)));
            c.addOwner(A, new Owner("alice", null));
            c.setLifecycle(A, new Lifecycle(DatasetStatus.DEPRECATED, "old", LocalDate.parse("2027-01-01"), "cli:x"));
            Dataset d = c.dataset(A).orElseThrow();
            assertThat(d.status()).isEqualTo(DatasetStatus.DEPRECATED);
            assertThat(Lifecycle.of(d))
                    .isEqualTo(new Lifecycle(DatasetStatus.DEPRECATED, "old", LocalDate.parse("2027-01-01"), "cli:x"));
            assertThat(d.owners()).extracting(Owner::name).containsExactly("alice");
            assertThat(c.search("a", 10)).extracting(Dataset::id).contains(A);

            c.setLifecycle(A, Lifecycle.ACTIVE);
            assertThat(c.dataset(A).orElseThrow().properties()).doesNotContainKey(Lifecycle.NOTE);
            assertThatThrownBy(() -> c.setLifecycle(B, Lifecycle.ACTIVE))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("csv:b is not in the local catalog");
        }
    }

    @Test
    void whatASourceFoundLastIsKeptBySourceName() {
        try (LocalCatalog c = open()) {
            assertThat(c.lastIngest("shop")).isEmpty();
            c.recordIngest("shop", List.of(A, B));
            c.recordIngest("web", List.of());
        }
        try (LocalCatalog c = open()) {
            assertThat(c.lastIngest("shop")).contains(Set.of(A, B));
            assertThat(c.lastIngest("web")).contains(Set.of()); // ran, found nothing: not "never ran"
            c.recordIngest("shop", List.of(B));
            assertThat(c.lastIngest("shop")).contains(Set.of(B));
        }
    }

    @Test
    void aCatalogOfTheFirstSchemaIsUpgradedInPlace() throws Exception {
        // a file written before products and ingest state existed
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            for (String ddl : Schema.MIGRATIONS.get(0).split(";\\s*\\n")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            s.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('version_counter', '0')");
        }
        try (LocalCatalog c = open()) {
            c.writeProducts(List.of(new DataProduct("p", null, null, List.of(), List.of(), List.of(A), null)));
            c.recordIngest("shop", List.of(A));
            assertThat(c.products()).hasSize(1);
            assertThat(c.lastIngest("shop")).contains(Set.of(A));
        }
    }
}
