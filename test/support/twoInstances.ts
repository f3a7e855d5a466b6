import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from './azurite';
import { startBot, type RunningBot } from './botHarness';
import { Conversation } from './conversation';
import { staticGraphCredential } from './graphCredential';
import { LocalGraph } from './localGraph';
import type { TestClock } from './testClock';
import type { TeamsUser } from './teamsActivities';

export type SharedStorage = 'sqlite' | 'azure-tables';

export interface TwoInstances {
  readonly graph: LocalGraph;
  readonly first: RunningBot;
  readonly second: RunningBot;
  /** The second instance, answering into the same connector, as two instances behind one Teams would. */
  readonly viaSecond: RunningBot;
  stop(): Promise<void>;
}

/**
 * Two bot instances on one store (a shared SQLite file, or Azure Tables on Azurite), with advisers
 * in Graph groups on the local Graph stand-in, each adviser's chat installed: how the tests race
 * one button or one request on two instances.
 */
export async function startTwoInstances(
  storage: SharedStorage,
  options: {
    readonly clock: TestClock;
    readonly graphToken: string;
    /** Graph group id → its members. */
    readonly groups: Readonly<Record<string, readonly TeamsUser[]>>;
    /** The group settings (ADVISOR_GROUP_ID, BACKUP_GROUP_ID, …) naming those groups. */
    readonly groupSettings: Readonly<Record<string, string>>;
  },
): Promise<TwoInstances> {
  const graph = await LocalGraph.start({ acceptedToken: options.graphToken });
  const member = (person: TeamsUser) => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });
  for (const [groupId, members] of Object.entries(options.groups)) graph.seedGroup(groupId, members.map(member));
  let azurite: RunningAzurite | undefined;
  let sharedDir = '';
  let storageEnvironment: Record<string, string>;
  if (storage === 'sqlite') {
    sharedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-instances-'));
    storageEnvironment = { SQLITE_PATH: path.join(sharedDir, 'shared.sqlite') };
  } else {
    azurite = await startAzurite();
    storageEnvironment = {
      STORAGE: 'azure-tables',
      AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
      AZURE_TABLES_PREFIX: `t${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    };
  }
  const environment = {
    ...storageEnvironment,
    ...options.groupSettings,
    PERSON_KEY_SECRET: 'a-shared-person-key-secret-for-both-instances-0123456789',
    ...graph.botSettings(),
  };
  // The test clock also runs the renewals of a running turn's lease, as it moves with advanceSecondsRunningTimers.
  const botOptions = { clock: options.clock, scheduler: options.clock, runBackgroundWork: false, graphCredential: staticGraphCredential(options.graphToken) };
  const first = await startBot(environment, botOptions);
  const second = await startBot(environment, botOptions);
  const advisers = new Set(Object.values(options.groups).flat());
  for (const adviser of advisers) await new Conversation(first, adviser).installs();
  return {
    graph,
    first,
    second,
    viaSecond: { ...second, connector: first.connector },
    async stop() {
      await first.stop();
      await second.stop();
      await graph.stop();
      await azurite?.stop();
      if (sharedDir) fs.rmSync(sharedDir, { recursive: true, force: true });
    },
  };
}
