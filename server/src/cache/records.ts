/**
 * Cache entries and the operations that change them. The same operations are applied to the
 * in-memory database and appended to the journal, so every process replays exactly what
 * another one did.
 */
import type { Database, SqlValue, Statement } from "sql.js";

export type CacheEntry = {
  key: string;
  partition: string;
  templateId: string;
  templateVersion: string;
  /** The question as redacted text. */
  question: string;
  /** The answer as redacted text (placeholders, never secrets). */
  answer: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** Unit vector quantised to int8. */
  vector: Int8Array;
  /** Canonical words of the question, for candidate search. */
  terms: string[];
  createdAt: number;
  lastUsedAt: number;
};

export type StatCounters = { hitsExact: number; hitsSemantic: number; misses: number; tokensSaved: number; usdSaved: number };

export const ZERO_STATS: StatCounters = Object.freeze({ hitsExact: 0, hitsSemantic: 0, misses: 0, tokensSaved: 0, usdSaved: 0 });

export type Op =
  | { op: "put"; entry: CacheEntry }
  | { op: "touch"; key: string; at: number }
  | { op: "del"; key: string }
  | { op: "stat"; delta: StatCounters }
  /** Drops entries of `templateId` rendered by a version not in `keepVersions` (older lines carry one `keepVersion`). */
  | { op: "dropTemplate"; templateId: string; keepVersions: string[] };

/** Quantises a unit vector to int8 (cosine error well under 0.01). */
export function quantise(v: Float32Array): Int8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const out = new Int8Array(v.length);
  if (max === 0) return out;
  const scale = 127 / max;
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]! * scale);
  return out;
}

type JsonEntry = Omit<CacheEntry, "vector" | "terms"> & { vector: string; terms: string };

export function encodeOp(op: Op): string {
  if (op.op !== "put") return JSON.stringify(op);
  const e = op.entry;
  const vector = Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength).toString("base64");
  const json: JsonEntry = { ...e, vector, terms: e.terms.join(" ") };
  return JSON.stringify({ op: "put", entry: json });
}

function isCounters(v: unknown): v is StatCounters {
  const o = v as Record<string, unknown> | null;
  return o !== null && typeof o === "object" && ["hitsExact", "hitsSemantic", "misses", "tokensSaved", "usdSaved"].every((k) => typeof o[k] === "number");
}

/** Parses one journal line; undefined when it is not a valid operation. */
export function decodeOp(line: string): Op | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  switch (raw.op) {
    case "put": {
      const e = raw.entry as JsonEntry | undefined;
      if (!e || typeof e.key !== "string" || typeof e.partition !== "string" || typeof e.answer !== "string" || typeof e.vector !== "string") return undefined;
      const bytes = Buffer.from(e.vector, "base64");
      const vector = new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return { op: "put", entry: { ...e, vector, terms: e.terms === "" ? [] : String(e.terms).split(" ") } };
    }
    case "touch":
      return typeof raw.key === "string" && typeof raw.at === "number" ? { op: "touch", key: raw.key, at: raw.at } : undefined;
    case "del":
      return typeof raw.key === "string" ? { op: "del", key: raw.key } : undefined;
    case "stat":
      return isCounters(raw.delta) ? { op: "stat", delta: raw.delta } : undefined;
    case "dropTemplate": {
      if (typeof raw.templateId !== "string") return undefined;
      const keep = Array.isArray(raw.keepVersions) ? raw.keepVersions : typeof raw.keepVersion === "string" ? [raw.keepVersion] : undefined;
      return keep && keep.length > 0 && keep.every((v) => typeof v === "string") ? { op: "dropTemplate", templateId: raw.templateId, keepVersions: keep as string[] } : undefined;
    }
    default:
      return undefined;
  }
}

/** What an operation changed, so the in-memory index can follow. */
export type Change = { put?: CacheEntry; deleted?: string[] };

/**
 * Vectors live in the packed index (`index_pack`, written with each snapshot) and in the
 * journal's put lines, not in the entries table: rows written by schema version 2 still
 * carry theirs, and a cold open of such a file reads them.
 */
const EMPTY_BLOB = new Uint8Array(0);

const STATEMENTS = new WeakMap<Database, Map<string, Statement>>();

/** Runs `sql` through a prepared statement kept per database: a replayed line costs no SQL parse. */
function runPrepared(db: Database, sql: string, params: SqlValue[]): void {
  let cache = STATEMENTS.get(db);
  if (!cache) STATEMENTS.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  stmt.run(params);
}

const PUT_SQL = `INSERT OR REPLACE INTO entries (key, partition, template_id, template_version, question, answer, provider, model,
  input_tokens, output_tokens, cost_usd, vector, created_at, last_used_at, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Applies one operation to the database. */
export function applyOp(db: Database, op: Op): Change {
  switch (op.op) {
    case "put": {
      const e = op.entry;
      runPrepared(
        db,
        PUT_SQL,
        [e.key, e.partition, e.templateId, e.templateVersion, e.question, e.answer, e.provider, e.model, e.inputTokens, e.outputTokens, e.costUsd,
          EMPTY_BLOB, e.createdAt, e.lastUsedAt, e.terms.join(" ")],
      );
      return { put: e };
    }
    case "touch":
      runPrepared(db, "UPDATE entries SET last_used_at = max(last_used_at, ?) WHERE key = ?", [op.at, op.key]);
      return {};
    case "del":
      runPrepared(db, "DELETE FROM entries WHERE key = ?", [op.key]);
      return { deleted: [op.key] };
    case "stat":
      for (const [name, value] of Object.entries(op.delta)) {
        if (value !== 0) db.run("INSERT INTO stats (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value", [name, value]);
      }
      return {};
    case "dropTemplate": {
      const { where, args } = otherVersions(op.templateId, op.keepVersions);
      const rows = db.exec(`SELECT key FROM entries WHERE ${where}`, args);
      const keys = rows.length === 0 ? [] : rows[0]!.values.map((r) => String(r[0]));
      if (keys.length > 0) db.run(`DELETE FROM entries WHERE ${where}`, args);
      return { deleted: keys };
    }
  }
}

/** The rows of `templateId` rendered by a version not in `keep`, as ranges of the (template_id, template_version) index. */
function otherVersions(templateId: string, keep: readonly string[]): { where: string; args: string[] } {
  return { where: `template_id = ? AND template_version NOT IN (${keep.map(() => "?").join(", ")})`, args: [templateId, ...keep] };
}

/** True when entries of `templateId` rendered by a version not in `keep` exist. */
export function hasOtherTemplateVersions(db: Database, templateId: string, keep: readonly string[]): boolean {
  const { where, args } = otherVersions(templateId, keep);
  return db.exec(`SELECT 1 FROM entries WHERE ${where} LIMIT 1`, args).length > 0;
}

export function readStats(db: Database): StatCounters {
  const out: StatCounters = { ...ZERO_STATS };
  const rows = db.exec("SELECT name, value FROM stats");
  for (const [name, value] of rows[0]?.values ?? []) {
    if (typeof name === "string" && name in out) out[name as keyof StatCounters] = Number(value);
  }
  return out;
}

const ENTRY_COLUMNS = "key, partition, template_id, template_version, question, answer, provider, model, input_tokens, output_tokens, cost_usd, vector, created_at, last_used_at, terms";

export function readEntry(db: Database, key: string): CacheEntry | undefined {
  const stmt = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE key = ?`);
  try {
    stmt.bind([key]);
    if (!stmt.step()) return undefined;
    const r = stmt.get();
    const blob = r[11] as Uint8Array;
    return {
      key: String(r[0]), partition: String(r[1]), templateId: String(r[2]), templateVersion: String(r[3]),
      question: String(r[4]), answer: String(r[5]), provider: String(r[6]), model: String(r[7]),
      inputTokens: Number(r[8]), outputTokens: Number(r[9]), costUsd: r[10] === null ? null : Number(r[10]),
      vector: new Int8Array(blob.buffer, blob.byteOffset, blob.byteLength),
      createdAt: Number(r[12]), lastUsedAt: Number(r[13]), terms: String(r[14]) === "" ? [] : String(r[14]).split(" "),
    };
  } finally {
    stmt.free();
  }
}
