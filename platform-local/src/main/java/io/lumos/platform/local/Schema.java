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
            // 2: data products (the product's JSON by name) and what each source's last ingest found,
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
            """);
}
