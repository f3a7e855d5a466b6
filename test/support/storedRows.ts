import fs from 'node:fs';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import Database from 'better-sqlite3';
import { TABLES, type TableName } from '../../src/storage/entityStore';
import type { RunningBot } from './botHarness';

/** How many rows each table of the bot's SQLite file holds, read from the file itself, not through the bot. */
export function storedRowCounts(bot: RunningBot): Record<TableName, number> {
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('storedRowCounts reads a SQLite store');
  const database = new Database(storage.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const count = (table: TableName) =>
      (database.prepare(`SELECT COUNT(*) AS count FROM "${table}"`).get() as { count: number }).count;
    return Object.fromEntries(TABLES.map((table) => [table, count(table)])) as Record<TableName, number>;
  } finally {
    database.close();
  }
}

export const NOTHING_STORED: Record<TableName, number> = Object.fromEntries(TABLES.map((table) => [table, 0])) as Record<
  TableName,
  number
>;

/**
 * Every byte of the bot's SQLite store (the file, its write-ahead log and shared memory) as text
 * to search: bytes, not rows, so deleted content lingering in free pages or the log counts too.
 * Read both as UTF-8 (how the bot writes text) and byte for byte, so no encoding hides a match.
 */
export function sqliteFileText(bot: RunningBot): string {
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('sqliteFileText reads a SQLite store');
  return ['', '-wal', '-shm']
    .map((suffix) => `${storage.sqlitePath}${suffix}`)
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => {
      const bytes = fs.readFileSync(file);
      return [bytes.toString('utf8'), bytes.toString('latin1')];
    })
    .join('\n');
}

/** Every row of every table in the bot's SQLite file, one JSON line each, read from the file itself. */
export function sqliteRowsText(bot: RunningBot): string {
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('sqliteRowsText reads a SQLite store');
  const database = new Database(storage.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const tables = database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    return tables.flatMap(({ name }) => database.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row))).join('\n');
  } finally {
    database.close();
  }
}

/**
 * Every entity (partition and row keys included) of every table in an Azure Tables account whose
 * name starts with the prefix (every table without one), and the tables' names, as text to search.
 */
export async function azureTablesText(connectionString: string, tablePrefix = ''): Promise<string> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const parts: string[] = [];
  for await (const table of service.listTables()) {
    const name = table.name ?? '';
    if (!name.startsWith(tablePrefix)) continue;
    parts.push(name);
    const client = TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) parts.push(JSON.stringify(entity));
  }
  return parts.join('\n');
}

/** One stored row as a reader of the tables sees it: table, decoded keys and the stored value as text. */
export interface StoredRow {
  readonly table: string;
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly value: string;
}

/** Every row of every table in the bot's SQLite file, read from the file itself. */
export function sqliteRows(bot: RunningBot): StoredRow[] {
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('sqliteRows reads a SQLite store');
  const database = new Database(storage.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const tables = database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    return tables.flatMap(({ name }) =>
      (database.prepare(`SELECT partition_key, row_key, value FROM "${name}"`).all() as { partition_key: string; row_key: string; value: string }[]).map((row) => ({
        table: name,
        partitionKey: row.partition_key,
        rowKey: row.row_key,
        value: row.value,
      })),
    );
  } finally {
    database.close();
  }
}

/**
 * Every entity of the tables with this prefix in an Azure Tables account, as the rows the bot
 * wrote: the table's name without the prefix, keys decoded as the store encodes them ('$' for '%').
 */
export async function azureTablesRows(connectionString: string, tablePrefix: string): Promise<StoredRow[]> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const decode = (key: string) => decodeURIComponent(key.replace(/\$/g, '%'));
  const rows: StoredRow[] = [];
  for await (const table of service.listTables()) {
    const name = table.name ?? '';
    if (!name.startsWith(tablePrefix)) continue;
    const unprefixed = name.slice(tablePrefix.length);
    const client = TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities<{ data: string }>()) {
      rows.push({ table: unprefixed.charAt(0).toLowerCase() + unprefixed.slice(1), partitionKey: decode(entity.partitionKey ?? ''), rowKey: decode(entity.rowKey ?? ''), value: entity.data });
    }
  }
  return rows;
}
