import { TableClient, odata } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { StorageError } from './storageError';
import { TABLES, type EntityStore, type InsertOutcome, type ReplaceOutcome, type StoredEntity, type TableName } from './entityStore';

export interface AzureTablesEntityStoreOptions {
  /** For Azurite and local development; it carries the account key. */
  readonly connectionString?: string;
  /** The account's table endpoint, e.g. https://account.table.core.windows.net, used with a token credential. */
  readonly endpoint?: string;
  /** Used with `endpoint`; when absent, DefaultAzureCredential (managed identity in Azure) is used. */
  readonly credential?: TokenCredential;
  /** Keeps deployments (or test runs) that share one storage account apart. */
  readonly tablePrefix: string;
  /** Azurite speaks plain http, which the SDK refuses unless told otherwise. */
  readonly allowInsecureConnection?: boolean;
}

/**
 * Every entity is stored as one string property holding the JSON-serialised value, so every
 * table has the same shape whatever the value's type, nested objects survive (Azure Tables
 * has no nested properties) and the SQLite store's format is mirrored exactly.
 */
interface StoredProperties {
  data: string;
}

interface AzureEntity extends StoredProperties {
  partitionKey: string;
  rowKey: string;
}

/** Azure Tables stores strings as UTF-16 and caps one property at 64 KiB, i.e. 32 Ki characters. */
const MAX_SERIALISED_VALUE_LENGTH = 32 * 1024;

/** Azure Tables (and Azurite) only issue weak etags, W/"datetime'...'". */
const ISSUED_ETAG = /^W\/".+"$/;

const VALID_TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/**
 * The store for deployments with more than one bot instance: Azure Table Storage (or Cosmos
 * DB's Table API), with the service's etags giving the optimistic concurrency the interface
 * promises across processes.
 */
export class AzureTablesEntityStore implements EntityStore {
  private readonly clients: ReadonlyMap<TableName, TableClient>;

  /** Connects and creates any missing table; the usual way to obtain a store. */
  static async create(options: AzureTablesEntityStoreOptions): Promise<AzureTablesEntityStore> {
    const store = new AzureTablesEntityStore(options);
    await store.createMissingTables();
    return store;
  }

  /** Use directly only when the tables are known to exist (e.g. provisioned by infrastructure). */
  constructor(options: AzureTablesEntityStoreOptions) {
    const clientOptions = { allowInsecureConnection: options.allowInsecureConnection ?? false };
    const createClient = chooseClientFactory(options, clientOptions);
    this.clients = new Map(TABLES.map((table) => [table, createClient(azureTableName(options.tablePrefix, table))]));
  }

  async get<T>(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity<T> | undefined> {
    try {
      const entity = await this.client(table).getEntity<StoredProperties>(encodeKey(partitionKey), encodeKey(rowKey));
      return { partitionKey, rowKey, etag: entity.etag, value: JSON.parse(entity.data) as T };
    } catch (error) {
      if (isEntityNotFound(error)) return undefined;
      throw unexpectedFailure('get', table, error);
    }
  }

  async insert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<InsertOutcome> {
    const entity = toAzureEntity(table, partitionKey, rowKey, value);
    try {
      await this.client(table).createEntity(entity);
      return 'inserted';
    } catch (error) {
      if (statusOf(error) === 409) return 'alreadyExists';
      throw unexpectedFailure('insert', table, error);
    }
  }

  async replace<T>(table: TableName, partitionKey: string, rowKey: string, value: T, etag: string): Promise<ReplaceOutcome> {
    const entity = toAzureEntity(table, partitionKey, rowKey, value);
    // The service reads '*' as "any version" and rejects malformed etags with a 400; an etag
    // this store never handed out can only mean the caller has not seen the current value.
    if (!ISSUED_ETAG.test(etag)) {
      return (await this.get(table, partitionKey, rowKey)) ? 'conflict' : 'missing';
    }
    try {
      await this.client(table).updateEntity(entity, 'Replace', { etag });
      return 'replaced';
    } catch (error) {
      if (statusOf(error) === 412) return 'conflict';
      if (isEntityNotFound(error)) return 'missing';
      throw unexpectedFailure('replace', table, error);
    }
  }

  async upsert<T>(table: TableName, partitionKey: string, rowKey: string, value: T): Promise<void> {
    const entity = toAzureEntity(table, partitionKey, rowKey, value);
    try {
      await this.client(table).upsertEntity(entity, 'Replace');
    } catch (error) {
      throw unexpectedFailure('upsert', table, error);
    }
  }

  async delete(table: TableName, partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    // As for replace: an etag this store never handed out (or '*') cannot name the version the caller read.
    if (etag !== undefined && !ISSUED_ETAG.test(etag)) return;
    try {
      await this.client(table).deleteEntity(encodeKey(partitionKey), encodeKey(rowKey), etag === undefined ? {} : { etag });
    } catch (error) {
      if (isEntityNotFound(error) || (etag !== undefined && statusOf(error) === 412)) return;
      throw unexpectedFailure('delete', table, error);
    }
  }

  async listPartition<T>(table: TableName, partitionKey: string): Promise<StoredEntity<T>[]> {
    const entities: StoredEntity<T>[] = [];
    try {
      const pages = this.client(table).listEntities<StoredProperties>({
        queryOptions: { filter: odata`PartitionKey eq ${encodeKey(partitionKey)}` },
      });
      for await (const entity of pages) {
        entities.push({
          partitionKey,
          rowKey: decodeKey(entity.rowKey ?? ''),
          etag: entity.etag,
          value: JSON.parse(entity.data) as T,
        });
      }
    } catch (error) {
      throw unexpectedFailure('listPartition', table, error);
    }
    // The service sorts by the encoded key; callers expect the order of the keys they chose.
    return entities.sort((left, right) => compareByCodePoint(left.rowKey, right.rowKey));
  }

  async ping(): Promise<void> {
    // A one-row query needs only data-plane rights (what a managed identity is granted) and
    // fails when the account is unreachable or the table missing.
    const table = TABLES[0];
    try {
      await this.client(table)
        .listEntities({ queryOptions: { select: ['PartitionKey'] } })
        .byPage({ maxPageSize: 1 })
        .next();
    } catch (error) {
      throw unexpectedFailure('ping', table, error);
    }
  }

  /** The SDK holds no connection that needs releasing. */
  /** A deleted entity is gone from the service's API at once; the service keeps no file on this host. */
  async eraseDeletedResidue(): Promise<void> {}

  async close(): Promise<void> {}

  private async createMissingTables(): Promise<void> {
    await Promise.all(
      TABLES.map(async (table) => {
        try {
          await this.client(table).createTable();
        } catch (error) {
          // Another instance starting at the same time may have created it first.
          if (statusOf(error) === 409 && errorCodeOf(error) === 'TableAlreadyExists') return;
          throw unexpectedFailure('createTable', table, error);
        }
      }),
    );
  }

  private client(table: TableName): TableClient {
    const client = this.clients.get(table);
    if (!client) throw new Error(`Unknown table '${table}'`);
    return client;
  }
}

function chooseClientFactory(
  options: AzureTablesEntityStoreOptions,
  clientOptions: { allowInsecureConnection: boolean },
): (tableName: string) => TableClient {
  const { connectionString, endpoint } = options;
  if (connectionString !== undefined && endpoint !== undefined) {
    throw new Error('AzureTablesEntityStore takes either a connectionString or an endpoint, not both');
  }
  if (connectionString !== undefined) {
    return (tableName) => TableClient.fromConnectionString(connectionString, tableName, clientOptions);
  }
  if (endpoint !== undefined) {
    const credential = options.credential ?? new DefaultAzureCredential();
    return (tableName) => new TableClient(endpoint, tableName, credential, clientOptions);
  }
  throw new Error('AzureTablesEntityStore needs a connectionString or an endpoint');
}

function azureTableName(prefix: string, table: TableName): string {
  const name = prefix + table.charAt(0).toUpperCase() + table.slice(1);
  if (!VALID_TABLE_NAME.test(name)) {
    throw new Error(
      `Table name '${name}' is not valid for Azure Tables (letters and digits, starting with a letter, 3-63 long); check the table prefix`,
    );
  }
  return name;
}

function toAzureEntity<T>(table: TableName, partitionKey: string, rowKey: string, value: T): AzureEntity {
  const data = JSON.stringify(value);
  if (data.length > MAX_SERIALISED_VALUE_LENGTH) {
    // Only the size is reported: values can hold personal data.
    throw new Error(
      `A '${table}' entity serialises to ${data.length} characters; Azure Tables stores at most ${MAX_SERIALISED_VALUE_LENGTH}`,
    );
  }
  return { partitionKey: encodeKey(partitionKey), rowKey: encodeKey(rowKey), data };
}

/**
 * Azure forbids '/', '\', '#', '?' and control characters in keys, so keys are stored
 * percent-encoded with '$' in place of '%' (a '%' in a key is known to break the service's URL handling). The encoding
 * escapes '$' itself, so it stays reversible and readable, e.g. 'user/7' → 'user$2F7'.
 * It is part of the stored format: changing it orphans existing entities.
 */
function encodeKey(key: string): string {
  try {
    return encodeURIComponent(key).replace(/%/g, '$');
  } catch {
    throw new Error('Entity keys must be well-formed Unicode (no lone surrogates)');
  }
}

function decodeKey(storedKey: string): string {
  return decodeURIComponent(storedKey.replace(/\$/g, '%'));
}

/** UTF-8 byte order, which is how SQLite's ORDER BY sorts, so both stores list alike. */
function compareByCodePoint(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

interface ServiceErrorShape {
  statusCode?: unknown;
  code?: unknown;
  details?: { errorCode?: unknown; odataError?: { code?: unknown } };
}

function statusOf(error: unknown): number | undefined {
  const statusCode = (error as ServiceErrorShape | undefined)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** The service's error code (e.g. 'TableNotFound'), or the SDK's for requests that got no response. */
function errorCodeOf(error: unknown): string | undefined {
  const shape = error as ServiceErrorShape | undefined;
  const code = shape?.details?.errorCode ?? shape?.details?.odataError?.code ?? shape?.code;
  return typeof code === 'string' && /^[A-Za-z_]+$/.test(code) ? code : undefined;
}

/** A missing table also answers 404; that is misconfiguration and must not read as "no entity". */
function isEntityNotFound(error: unknown): boolean {
  return statusOf(error) === 404 && errorCodeOf(error) !== 'TableNotFound';
}

/**
 * The SDK's errors carry the request (and so the entity and its keys) in their properties and
 * sometimes in their message; only the status and the service's error code leave this file.
 */
function unexpectedFailure(operation: string, table: TableName, error: unknown): StorageError {
  const status = statusOf(error);
  const code = errorCodeOf(error);
  const outcome = status === undefined ? 'got no response' : `failed with HTTP ${status}`;
  return new StorageError(`Azure Tables ${operation} on '${table}' ${outcome}${code ? ` (${code})` : ''}`);
}
