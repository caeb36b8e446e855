import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { chats, messages } from "./schema";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

interface PragmaColumn {
  name: string;
  notnull: number;
  dflt_value: string | null;
  /** 1-based position in the primary key; 0 when not part of it. */
  pk: number;
}

interface ColumnShape {
  notNull: boolean;
  default: string | null;
}

/** The columns of a table in the migrated D1, keyed by name. */
async function migratedColumns(table: string): Promise<Record<string, ColumnShape>> {
  const { results } = await worker.env.DB.prepare(`PRAGMA table_info(${table})`).all<PragmaColumn>();
  return Object.fromEntries(
    results.map((column) => [
      column.name,
      {
        // SQLite lets a non-INTEGER PRIMARY KEY hold NULL unless it also says NOT NULL
        // (a legacy quirk); drizzle treats every primary key column as NOT NULL.
        notNull: column.notnull === 1 || column.pk > 0,
        default: column.dflt_value,
      },
    ]),
  );
}

async function migratedPrimaryKey(table: string): Promise<string[]> {
  const { results } = await worker.env.DB.prepare(`PRAGMA table_info(${table})`).all<PragmaColumn>();
  return results
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
}

async function migratedIndexes(table: string): Promise<string[]> {
  const { results } = await worker.env.DB.prepare(`PRAGMA index_list(${table})`).all<{
    name: string;
    origin: string;
  }>();
  // "c": made by CREATE INDEX; the others come from PRIMARY KEY / UNIQUE constraints.
  return results
    .filter((index) => index.origin === "c")
    .map((index) => index.name)
    .sort();
}

/** A drizzle default as PRAGMA table_info prints it (a SQL literal). */
function sqlLiteral(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? `'${value.replaceAll("'", "''")}'` : String(value);
}

function drizzleColumns(table: SQLiteTable): Record<string, ColumnShape> {
  return Object.fromEntries(
    getTableConfig(table).columns.map((column) => [
      column.name,
      { notNull: column.notNull, default: sqlLiteral(column.default) },
    ]),
  );
}

function drizzlePrimaryKey(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((column) => column.primary).map((column) => column.name);
  const composite = config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name));
  return [...single, ...composite];
}

describe.each([
  ["chats", chats],
  ["messages", messages],
] as const)("the drizzle %s table matches the migrated D1", (name, table) => {
  it("has the same name", () => {
    expect(getTableConfig(table).name).toBe(name);
  });

  it("has the same columns, nullability and defaults", async () => {
    const migrated = await migratedColumns(name);
    expect(Object.keys(migrated).length).toBeGreaterThan(0);
    expect(drizzleColumns(table)).toEqual(migrated);
  });

  it("has the same primary key, in the same column order", async () => {
    const migrated = await migratedPrimaryKey(name);
    expect(migrated.length).toBeGreaterThan(0);
    expect(drizzlePrimaryKey(table)).toEqual(migrated);
  });

  it("declares the same indexes", async () => {
    const declared = getTableConfig(table)
      .indexes.map((index) => index.config.name)
      .sort();
    expect(declared).toEqual(await migratedIndexes(name));
  });
});
