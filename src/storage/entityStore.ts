/**
 * The one storage interface: a table of JSON entities addressed by partition and row key,
 * with an etag per entity for optimistic concurrency. It is Azure Table Storage's model on
 * purpose, so SQLite (the embedded default) and Azure Tables / Cosmos DB's Table API
 * behave the same and pass one contract suite (test/storage/entityStore.contract.ts).
 */

export const TABLES = ['preferences', 'conversations', 'cases', 'outbox', 'activities', 'insights', 'reminders', 'audit', 'dangerQuestions'] as const;
export type TableName = (typeof TABLES)[number];

export interface StoredEntity<T> {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly etag: string;
  readonly value: T;
}

export type InsertOutcome = 'inserted' | 'alreadyExists';
export type ReplaceOutcome = 'replaced' | 'conflict' | 'missing';

export interface EntityStore {
  get<T>(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity<T> | undefined>;
  /** Creates the entity only if no entity has that key; the caller learns which happened. */
  insert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<InsertOutcome>;
  /** Replaces the entity only if its etag is still the one the caller read. */
  replace<T>(table: TableName, partitionKey: string, rowKey: string, value: T, etag: string): Promise<ReplaceOutcome>;
  upsert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<void>;
  /**
   * Deleting a missing entity is not an error. With an etag, only the version the caller read goes:
   * one written since (a newer value under the same key) stays.
   */
  delete(table: TableName, partitionKey: string, rowKey: string, etag?: string): Promise<void>;
  listPartition<T>(table: TableName, partitionKey: string): Promise<StoredEntity<T>[]>;
  /**
   * Makes deletions final in the store's own files, called after every purge and forget-me:
   * SQLite overwrites freed pages (secure_delete) and folds the WAL back into the database,
   * truncating it, so deleted text is not left in either file. Azure Tables keeps no file here.
   */
  eraseDeletedResidue(): Promise<void>;
  /** Throws when the store cannot be reached; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
