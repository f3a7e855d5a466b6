import type { AppConfig } from '../config/config';
import type { EntityStore } from './entityStore';
import { SqliteEntityStore } from './sqliteEntityStore';
import { sqliteOpenFailure, StorageError } from './storageError';

/**
 * Opens the store the settings name: the embedded SQLite file, or Azure Table Storage. The Azure
 * SDKs (a quarter of a second to load) are loaded only when they are used.
 */
export async function createEntityStore(storage: AppConfig['storage']): Promise<EntityStore> {
  if (storage.kind === 'sqlite') {
    try {
      return new SqliteEntityStore(storage.sqlitePath);
    } catch (error) {
      throw sqliteOpenFailure(error);
    }
  }
  const [{ ManagedIdentityCredential, DefaultAzureCredential }, { AzureTablesEntityStore }] = await Promise.all([
    import('@azure/identity'),
    import('./azureTablesEntityStore'),
  ]);
  const credential = storage.connectionString
    ? undefined
    : storage.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: storage.managedIdentityClientId })
      : new DefaultAzureCredential();
  const setting = storage.connectionString ? 'AZURE_TABLES_CONNECTION_STRING' : 'AZURE_TABLES_ENDPOINT';
  try {
    return await AzureTablesEntityStore.create({
      connectionString: storage.connectionString,
      endpoint: storage.connectionString ? undefined : storage.endpoint,
      credential,
      tablePrefix: storage.tablePrefix,
      allowInsecureConnection: (storage.connectionString ?? storage.endpoint ?? '').includes('http://'),
    });
  } catch (error) {
    // The store's own words carry no value; the SDK's (a connection string it cannot parse, an account's URL) may.
    const reason = error instanceof StorageError ? error.message : `Azure Tables could not be opened: ${error instanceof Error ? error.name : 'an unknown error'}`;
    throw new StorageError(`${reason}; check ${setting}`);
  }
}
