import type { AppConfig } from '../config/config';
import type { EntityStore } from './entityStore';
import { SqliteEntityStore } from './sqliteEntityStore';

/**
 * Opens the store the settings name: the embedded SQLite file, or Azure Table Storage. The Azure
 * SDKs (a quarter of a second to load) are loaded only when they are used.
 */
export async function createEntityStore(storage: AppConfig['storage']): Promise<EntityStore> {
  if (storage.kind === 'sqlite') return new SqliteEntityStore(storage.sqlitePath);
  const [{ ManagedIdentityCredential, DefaultAzureCredential }, { AzureTablesEntityStore }] = await Promise.all([
    import('@azure/identity'),
    import('./azureTablesEntityStore'),
  ]);
  const credential = storage.connectionString
    ? undefined
    : storage.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: storage.managedIdentityClientId })
      : new DefaultAzureCredential();
  return AzureTablesEntityStore.create({
    connectionString: storage.connectionString,
    endpoint: storage.connectionString ? undefined : storage.endpoint,
    credential,
    tablePrefix: storage.tablePrefix,
    allowInsecureConnection: (storage.connectionString ?? storage.endpoint ?? '').includes('http://'),
  });
}
