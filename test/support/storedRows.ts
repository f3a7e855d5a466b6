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
