package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.domain.lineage.LineageGraph.Impact;
import io.lumos.domain.lineage.LineageGraph.ImpactedDataset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integer adjacency stays equal to the lineage table, and walks over it give the graph's answers. */
class LineageAdjacencyTest {
    @TempDir
    Path dir;

    private LocalCatalog open() {
        return new LocalCatalog(dir.resolve("catalog.db"), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static DatasetId ds(int i) {
        return DatasetId.of("csv", "t" + i);
    }

    /** The pairs of URNs lineage_adj holds, through lineage_nodes. */
    private Set<String> adjacency() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT u.urn, d.urn FROM lineage_adj a JOIN lineage_nodes u ON u.id = a.src"
                                + " JOIN lineage_nodes d ON d.id = a.dst")) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1) + " -> " + rs.getString(2));
            }
            return out;
        }
    }

    private static Set<String> pairs(List<LineageEdge> edges) {
        Set<String> out = new TreeSet<>();
        edges.forEach(e -> out.add(e.upstream().urn() + " -> " + e.downstream().urn()));
        return out;
    }

    private static List<String> rows(Impact impact) {
        List<String> out = new ArrayList<>();
        for (ImpactedDataset a : impact.affected()) {
            out.add(a.id().urn() + " " + a.depth() + " " + a.path());
        }
        return out;
    }

    @Test
    void theAdjacencyFollowsEveryAddUpsertAndRemove() throws Exception {
        Random random = new Random(7);
        try (LocalCatalog c = open()) {
            for (int round = 0; round < 20; round++) {
                List<LineageEdge> batch = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    int up = random.nextInt(40);
                    int down = random.nextInt(40);
                    if (up != down) {
                        batch.add(LineageEdge.of(ds(up), ds(down)));
                    }
                }
                c.writeLineage(batch);
                c.writeLineage(batch.subList(0, 5)); // an upsert of edges already there
                for (int i = 0; i < 10; i++) {
                    c.removeLineage(ds(random.nextInt(40)), ds(random.nextInt(40)));
                }
                LineageEdge some = c.lineage().get(random.nextInt(c.lineage().size()));
                c.removeLineage(some.upstream(), some.downstream());
                assertThat(adjacency()).isEqualTo(pairs(c.lineage()));
            }
        }
    }

    @Test
    void aCatalogWrittenBeforeTheAdjacencyGetsItWhenOpened() throws Exception {
        try (LocalCatalog c = open()) {
            c.writeLineage(List.of(LineageEdge.of(ds(1), ds(2)), LineageEdge.of(ds(2), ds(3))));
        }
        // back to schema 1: no adjacency, no triggers; then lineage written by that older Lumos
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER lineage_adj_insert");
            s.execute("DROP TRIGGER lineage_adj_delete");
            s.execute("DROP TRIGGER lineage_adj_update");
            s.execute("DROP TABLE lineage_adj");
            s.execute("DROP TABLE lineage_nodes");
            s.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
            s.execute("INSERT INTO lineage (upstream, downstream, type, confidence) VALUES ('" + ds(3).urn() + "', '"
                    + ds(4).urn() + "', 'TRANSFORMED', 1.0)");
        }
        try (LocalCatalog c = open()) {
            assertThat(adjacency()).hasSize(3).isEqualTo(pairs(c.lineage()));
            c.writeLineage(List.of(LineageEdge.of(ds(4), ds(5))));
            assertThat(adjacency()).hasSize(4).isEqualTo(pairs(c.lineage()));
        }
    }

    @Test
    void anImpactOverTheIntegersIsTheGraphsImpact() {
        Random random = new Random(11);
        try (LocalCatalog c = open()) {
            List<LineageEdge> edges = new ArrayList<>();
            // a tree with cross links, names out of insertion order so that URN order matters
            for (int i = 1; i < 400; i++) {
                edges.add(LineageEdge.of(ds(random.nextInt(i)), ds(i)));
                int other = random.nextInt(400);
                if (i % 3 == 0 && other != i) {
                    edges.add(LineageEdge.of(ds(other), ds(i)));
                }
            }
            c.writeLineage(edges);
            c.removeLineage(edges.get(5).upstream(), edges.get(5).downstream());
            LineageGraph graph = LineageGraph.of(c.lineage());
            for (int root : new int[] {0, 1, 7, 150, 399, 1000}) {
                var index = c.lineageIndex(ds(root)).orElseThrow();
                for (int depth : new int[] {1, 2, LineageGraph.UNBOUNDED}) {
                    assertThat(rows(index.impact(ds(root), depth)))
                            .as("root t%d, depth %d", root, depth)
                            .isEqualTo(rows(graph.impact(ds(root), null, depth)));
                }
            }
            assertThat(c.lineageIndex(ds(0))
                            .orElseThrow()
                            .impact(ds(0), LineageGraph.UNBOUNDED)
                            .affected())
                    .hasSizeGreaterThan(300);
            // past the bound the whole adjacency is read; the answers stay the graph's
            LineageStore.closureScanLimit = 50;
            try {
                for (int root : new int[] {0, 1, 7}) {
                    assertThat(rows(c.lineageIndex(ds(root)).orElseThrow().impact(ds(root), LineageGraph.UNBOUNDED)))
                            .isEqualTo(rows(graph.impact(ds(root), null, LineageGraph.UNBOUNDED)));
                }
            } finally {
                LineageStore.closureScanLimit = 100_000;
            }
        }
    }
}
