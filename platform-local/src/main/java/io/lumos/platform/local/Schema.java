package io.lumos.platform.local;

import java.util.List;

/**
 * The catalog's tables, as numbered migrations. A file is upgraded in place when opened; a file
 * written by a newer Lumos is refused. The tables are plain, so any SQLite tool can read them.
 */
final class Schema {
    private Schema() {}

    static final List<String> MIGRATIONS = List.of(
            // 1: datasets (the model as JSON plus columns to query), owners added by hand, lineage,
            // versions with the dataset as it was, and full-text search.
            """
            CREATE TABLE IF NOT EXISTS datasets (
              id INTEGER PRIMARY KEY,
              urn TEXT NOT NULL UNIQUE,
              platform TEXT NOT NULL,
              name TEXT NOT NULL,
              env TEXT NOT NULL,
              subtype TEXT,
              description TEXT,
              json TEXT NOT NULL,
              updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS owners (
              urn TEXT NOT NULL,
              owner TEXT NOT NULL,
              type TEXT NOT NULL,
              PRIMARY KEY (urn, owner, type)
            );
            CREATE TABLE IF NOT EXISTS removed_owners (
              urn TEXT NOT NULL,
              owner TEXT NOT NULL,
              PRIMARY KEY (urn, owner)
            );
            CREATE TABLE IF NOT EXISTS lineage (
              upstream TEXT NOT NULL,
              downstream TEXT NOT NULL,
              type TEXT NOT NULL,
              confidence REAL NOT NULL,
              created_at TEXT,
              created_by TEXT,
              columns TEXT,
              PRIMARY KEY (upstream, downstream)
            );
            CREATE INDEX IF NOT EXISTS lineage_by_downstream ON lineage (downstream);
            CREATE TABLE IF NOT EXISTS versions (
              urn TEXT NOT NULL,
              cloud_version TEXT NOT NULL,
              schema_version TEXT NOT NULL,
              created_at TEXT NOT NULL,
              author TEXT,
              change_type TEXT NOT NULL,
              details TEXT,
              previous TEXT,
              fingerprint TEXT,
              dataset_json TEXT NOT NULL,
              PRIMARY KEY (urn, cloud_version)
            );
            CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
              name, description, fields, tags, tokenize = 'unicode61 remove_diacritics 2'
            );
            """,
            // 2 (runs): pipeline runs. One row per run with its latest state (the one with the latest
            // event time), every state change with its time, and the datasets it read and wrote:
            // a dataset only runs named is in run_datasets, never in datasets.
            """
            CREATE TABLE IF NOT EXISTS runs (
              run_id TEXT PRIMARY KEY,
              namespace TEXT NOT NULL,
              job TEXT NOT NULL,
              state TEXT NOT NULL,
              event_time TEXT NOT NULL,
              started_at TEXT NOT NULL,
              ended_at TEXT,
              duration_ms INTEGER,
              exit_code INTEGER,
              error TEXT,
              parent TEXT,
              args TEXT
            );
            CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job, started_at);
            CREATE TABLE IF NOT EXISTS run_states (
              run_id TEXT NOT NULL,
              state TEXT NOT NULL,
              event_time TEXT NOT NULL,
              PRIMARY KEY (run_id, state, event_time)
            );
            CREATE TABLE IF NOT EXISTS run_datasets (
              run_id TEXT NOT NULL,
              urn TEXT NOT NULL,
              direction TEXT NOT NULL,
              PRIMARY KEY (run_id, direction, urn)
            );
            CREATE INDEX IF NOT EXISTS run_datasets_by_urn ON run_datasets (urn, direction);
            """,
            // 3: data products (the product's JSON by name) and what each source's last ingest found,
            // so that the next one can tell which datasets left the source.
            """
            CREATE TABLE IF NOT EXISTS products (
              name TEXT PRIMARY KEY,
              json TEXT NOT NULL,
              updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS ingest_state (
              source TEXT NOT NULL,
              urn TEXT NOT NULL,
              PRIMARY KEY (source, urn)
            );
            CREATE TABLE IF NOT EXISTS ingest_sources (
              source TEXT PRIMARY KEY,
              ingested_at TEXT NOT NULL
            );
            """,
            // 4: the lineage as integers, so that a walk of a large graph reads ints, not URNs:
            // lineage_nodes numbers every dataset lineage names (numbers are never reused),
            // lineage_adj holds one (upstream, downstream) pair per lineage row. Triggers keep it equal
            // to the lineage table whatever writes to it. A statement inside a trigger ends with ';'
            // at the start of the next line, because migrations are split at ';' and a line end.
            """
            CREATE TABLE IF NOT EXISTS lineage_nodes (
              id INTEGER PRIMARY KEY,
              urn TEXT NOT NULL UNIQUE
            );
            CREATE TABLE IF NOT EXISTS lineage_adj (
              src INTEGER NOT NULL,
              dst INTEGER NOT NULL,
              PRIMARY KEY (src, dst)
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO lineage_nodes (urn)
              SELECT urn FROM (SELECT upstream AS urn FROM lineage UNION SELECT downstream FROM lineage) ORDER BY urn;
            INSERT OR IGNORE INTO lineage_adj (src, dst)
              SELECT u.id, d.id FROM lineage l
              JOIN lineage_nodes u ON u.urn = l.upstream JOIN lineage_nodes d ON d.urn = l.downstream;
            CREATE TRIGGER IF NOT EXISTS lineage_adj_insert AFTER INSERT ON lineage BEGIN
              INSERT OR IGNORE INTO lineage_nodes (urn) VALUES (NEW.upstream)
              ; INSERT OR IGNORE INTO lineage_nodes (urn) VALUES (NEW.downstream)
              ; INSERT OR IGNORE INTO lineage_adj (src, dst) VALUES (
                  (SELECT id FROM lineage_nodes WHERE urn = NEW.upstream),
                  (SELECT id FROM lineage_nodes WHERE urn = NEW.downstream))
              ; END;
            CREATE TRIGGER IF NOT EXISTS lineage_adj_delete AFTER DELETE ON lineage BEGIN
              DELETE FROM lineage_adj
                WHERE src = (SELECT id FROM lineage_nodes WHERE urn = OLD.upstream)
                  AND dst = (SELECT id FROM lineage_nodes WHERE urn = OLD.downstream)
              ; END;
            CREATE TRIGGER IF NOT EXISTS lineage_adj_update AFTER UPDATE OF upstream, downstream ON lineage BEGIN
              DELETE FROM lineage_adj
                WHERE src = (SELECT id FROM lineage_nodes WHERE urn = OLD.upstream)
                  AND dst = (SELECT id FROM lineage_nodes WHERE urn = OLD.downstream)
              ; INSERT OR IGNORE INTO lineage_nodes (urn) VALUES (NEW.upstream)
              ; INSERT OR IGNORE INTO lineage_nodes (urn) VALUES (NEW.downstream)
              ; INSERT OR IGNORE INTO lineage_adj (src, dst) VALUES (
                  (SELECT id FROM lineage_nodes WHERE urn = NEW.upstream),
                  (SELECT id FROM lineage_nodes WHERE urn = NEW.downstream))
              ; END;
            """,
            // 5: usage and assertion results, time series kept beside the metadata: nothing here is
            // part of a dataset, a version or a snapshot.
            """
            CREATE TABLE IF NOT EXISTS usage_samples (
              urn TEXT NOT NULL,
              observed_at TEXT NOT NULL,
              origin TEXT NOT NULL,
              counters TEXT NOT NULL,
              times TEXT NOT NULL,
              PRIMARY KEY (urn, origin, observed_at)
            );
            CREATE TABLE IF NOT EXISTS assertion_results (
              urn TEXT NOT NULL,
              check_name TEXT NOT NULL,
              kind TEXT NOT NULL,
              status TEXT NOT NULL,
              severity TEXT NOT NULL,
              expected TEXT,
              actual TEXT,
              reason TEXT NOT NULL,
              evaluated_at TEXT NOT NULL,
              phase TEXT NOT NULL,
              PRIMARY KEY (urn, check_name, evaluated_at, phase)
            );
            """);
}
