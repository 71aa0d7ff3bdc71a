/**
 * The cache database schema and its migrations. `meta.schema_version` records how far a file
 * has been migrated; each migration moves it up by one inside a transaction, so a file from any
 * earlier release opens and a crash mid-migration leaves the previous version intact.
 */
import type { Database } from "sql.js";

/** Migration i takes a database from version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
   CREATE TABLE entries (
     key TEXT PRIMARY KEY,
     partition TEXT NOT NULL,
     template_id TEXT NOT NULL,
     template_version TEXT NOT NULL,
     question TEXT NOT NULL,
     answer TEXT NOT NULL,
     provider TEXT NOT NULL,
     model TEXT NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cost_usd REAL,
     vector BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER NOT NULL
   );
   CREATE INDEX entries_partition ON entries(partition);`,
  // Version 2: least-recently-used eviction and expiry need ordered scans; statistics move
  // into the file so every process adds to one set of counters; index terms are stored so a
  // cold open does not re-analyse every question.
  `CREATE INDEX entries_last_used ON entries(last_used_at);
   CREATE INDEX entries_created ON entries(created_at);
   CREATE INDEX entries_template ON entries(template_id);
   ALTER TABLE entries ADD COLUMN terms TEXT NOT NULL DEFAULT '';
   CREATE TABLE stats (name TEXT PRIMARY KEY, value REAL NOT NULL);`,
  // Version 3: the vector index is stored packed, one row per partition, written with each
  // snapshot (tagged with its generation), so a cold open reads a few blobs instead of
  // rebuilding from every row; entries no longer repeat their vector. Template invalidation
  // looks entries up by template and version; nothing looks rows up by partition any more.
  `CREATE TABLE index_pack (
     partition TEXT PRIMARY KEY,
     generation TEXT NOT NULL,
     dims INTEGER NOT NULL,
     keys TEXT NOT NULL,
     vectors BLOB NOT NULL,
     norms BLOB NOT NULL,
     created BLOB NOT NULL,
     terms TEXT NOT NULL,
     counts BLOB NOT NULL,
     ids BLOB NOT NULL
   );
   DROP INDEX entries_template;
   DROP INDEX entries_partition;
   CREATE INDEX entries_template ON entries(template_id, template_version);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerSchemaError extends Error {}

function currentVersion(db: Database): number {
  const hasMeta = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  if (hasMeta.length === 0) return 0;
  const rows = db.exec("SELECT v FROM meta WHERE k = 'schema_version'");
  return rows.length === 0 ? 0 : Number(rows[0]!.values[0]![0]);
}

/** Brings a database to SCHEMA_VERSION; throws NewerSchemaError for files from a newer release. */
export function migrate(db: Database, upTo = SCHEMA_VERSION): number {
  const from = currentVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(`the cache file has schema version ${from}, newer than this Preflight (${SCHEMA_VERSION}); update Preflight or clear the cache`);
  }
  for (let v = from; v < upTo; v++) {
    db.exec("BEGIN");
    try {
      db.exec(MIGRATIONS[v]!);
      db.run("INSERT OR REPLACE INTO meta (k, v) VALUES ('schema_version', ?)", [String(v + 1)]);
      db.exec("COMMIT");
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
  }
  return from;
}

export function getMeta(db: Database, k: string): string | undefined {
  const rows = db.exec("SELECT v FROM meta WHERE k = ?", [k]);
  return rows.length === 0 ? undefined : String(rows[0]!.values[0]![0]);
}

export function setMeta(db: Database, k: string, v: string): void {
  db.run("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)", [k, v]);
}
