import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';
import type { AppConfig } from '../config/config';
import { AzureTablesEntityStore } from './azureTablesEntityStore';
import type { EntityStore } from './entityStore';
import { SqliteEntityStore } from './sqliteEntityStore';

/** Opens the store the settings name: the embedded SQLite file, or Azure Table Storage. */
export async function createEntityStore(storage: AppConfig['storage']): Promise<EntityStore> {
  if (storage.kind === 'sqlite') return new SqliteEntityStore(storage.sqlitePath);
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
