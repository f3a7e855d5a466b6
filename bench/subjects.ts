import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotUnderTest, type BotUnderTest } from './botUnderTest';
import type { CompiledBuild } from './compiledBuild';

export type StorageKind = 'sqlite' | 'azure-tables';

export interface FullBotOptions {
  readonly storage: StorageKind;
  /** Required for azure-tables: Azurite's connection string. */
  readonly azureTablesConnectionString?: string;
  /** Advisors from a Graph group on the local Graph stand-in; without it, local advisors. */
  readonly graph?: {
    readonly baseUrl: string;
    readonly advisorGroupId: string;
    /** The local identity provider's App Service managed-identity endpoint and header. */
    readonly identityEndpoint: string;
    readonly identityHeader: string;
  };
  readonly localAdvisors?: string;
  readonly nodeFlags?: readonly string[];
  readonly extraEnvironment?: Readonly<Record<string, string>>;
}

export interface RunningFullBot extends BotUnderTest {
  /** Stops the bot and removes its data. */
  stopAndClean(): Promise<void>;
  readonly environment: Readonly<Record<string, string>>;
  /** Holds the SQLite file; removed by stopAndClean. */
  readonly dataDir: string;
}

/** The real bot as App Service runs it: compiled, its own process, production settings on loopback. */
export async function startFullBot(build: CompiledBuild, options: FullBotOptions): Promise<RunningFullBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-bench-data-'));
  const environment: Record<string, string> = {
    STORAGE: options.storage,
    SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    // Each run gets its own tables in a shared Azurite.
    AZURE_TABLES_PREFIX: `bench${Math.random().toString(36).slice(2, 10)}`,
    ...(options.azureTablesConnectionString ? { AZURE_TABLES_CONNECTION_STRING: options.azureTablesConnectionString } : {}),
    ...(options.graph
      ? {
          ADVISOR_GROUP_ID: options.graph.advisorGroupId,
          GRAPH_BASE_URL: options.graph.baseUrl,
          // A user-assigned managed identity, served by the local identity provider.
          AZURE_CLIENT_ID: '00000000-0000-4000-8000-00000000be0c',
          IDENTITY_ENDPOINT: options.graph.identityEndpoint,
          IDENTITY_HEADER: options.graph.identityHeader,
        }
      : {}),
    ...(options.localAdvisors ? { LOCAL_ADVISORS: options.localAdvisors } : {}),
    ...options.extraEnvironment,
  };
  let bot: BotUnderTest;
  try {
    bot = await startBotUnderTest({ entry: build.botEntry, environment, nodeFlags: options.nodeFlags });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...bot,
    environment,
    dataDir,
    stopAndClean: async () => {
      await bot.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startEchoBot(build: CompiledBuild): Promise<BotUnderTest> {
  return startBotUnderTest({ entry: build.echoEntry });
}
