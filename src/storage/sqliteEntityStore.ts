import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { TABLES, type EntityStore, type InsertOutcome, type ReplaceOutcome, type StoredEntity, type TableName } from './entityStore';

interface Row {
  partition_key: string;
  row_key: string;
  etag: string;
  value: string;
}

/**
 * The embedded default store: one SQLite file, in WAL mode so a crash never leaves a
 * half-written entity. better-sqlite3 is synchronous, which keeps each conditional write a
 * single atomic statement within this process; SQLite's file lock covers other processes.
 */
export class SqliteEntityStore implements EntityStore {
  private readonly database: Database.Database;
  private readonly statements: Map<string, Database.Statement>;

  constructor(filePath: string) {
    if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.database = new Database(filePath);
    this.database.pragma('journal_mode = WAL');
    this.database.pragma('synchronous = NORMAL');
    this.database.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros rather than left in free pages for a file reader.
    this.database.pragma('secure_delete = ON');
    this.statements = new Map();
    for (const table of TABLES) {
      this.database.exec(
        `CREATE TABLE IF NOT EXISTS "${table}" (
           partition_key TEXT NOT NULL,
           row_key TEXT NOT NULL,
           etag TEXT NOT NULL,
           value TEXT NOT NULL,
           PRIMARY KEY (partition_key, row_key)
         ) WITHOUT ROWID`,
      );
    }
  }

  async get<T>(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity<T> | undefined> {
    const row = this.statement(table, 'get', `SELECT * FROM "${table}" WHERE partition_key = ? AND row_key = ?`).get(
      partitionKey,
      rowKey,
    ) as Row | undefined;
    return row ? toEntity<T>(row) : undefined;
  }

  async insert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<InsertOutcome> {
    const result = this.statement(
      table,
      'insert',
      `INSERT INTO "${table}" (partition_key, row_key, etag, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(partitionKey, rowKey, randomUUID(), JSON.stringify(value));
    return result.changes === 1 ? 'inserted' : 'alreadyExists';
  }

  async replace<T>(table: TableName, partitionKey: string, rowKey: string, value: T, etag: string): Promise<ReplaceOutcome> {
    const result = this.statement(
      table,
      'replace',
      `UPDATE "${table}" SET etag = ?, value = ? WHERE partition_key = ? AND row_key = ? AND etag = ?`,
    ).run(randomUUID(), JSON.stringify(value), partitionKey, rowKey, etag);
    if (result.changes === 1) return 'replaced';
    return (await this.get(table, partitionKey, rowKey)) ? 'conflict' : 'missing';
  }

  async upsert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<void> {
    this.statement(
      table,
      'upsert',
      `INSERT INTO "${table}" (partition_key, row_key, etag, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (partition_key, row_key) DO UPDATE SET etag = excluded.etag, value = excluded.value`,
    ).run(partitionKey, rowKey, randomUUID(), JSON.stringify(value));
  }

  async delete(table: TableName, partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    if (etag === undefined) {
      this.statement(table, 'delete', `DELETE FROM "${table}" WHERE partition_key = ? AND row_key = ?`).run(partitionKey, rowKey);
      return;
    }
    this.statement(table, 'deleteVersion', `DELETE FROM "${table}" WHERE partition_key = ? AND row_key = ? AND etag = ?`).run(
      partitionKey,
      rowKey,
      etag,
    );
  }

  async listPartition<T>(table: TableName, partitionKey: string): Promise<StoredEntity<T>[]> {
    const rows = this.statement(
      table,
      'list',
      `SELECT * FROM "${table}" WHERE partition_key = ? ORDER BY row_key`,
    ).all(partitionKey) as Row[];
    return rows.map((row) => toEntity<T>(row));
  }

  async eraseDeletedResidue(): Promise<void> {
    // The WAL still holds the deleted rows' old pages until a checkpoint copies it back; TRUNCATE
    // then empties the WAL file itself.
    this.database.pragma('wal_checkpoint(TRUNCATE)');
  }

  async ping(): Promise<void> {
    this.database.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }

  private statement(table: TableName, operation: string, sql: string): Database.Statement {
    const key = `${table}:${operation}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }
}

function toEntity<T>(row: Row): StoredEntity<T> {
  return { partitionKey: row.partition_key, rowKey: row.row_key, etag: row.etag, value: JSON.parse(row.value) as T };
}
