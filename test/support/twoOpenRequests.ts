import { unkeyedPersonKey, upgradeUnkeyedPersonKeys } from '../../scripts/upgrade-unkeyed-person-keys';
import { keepOnOneLine } from '../../src/cards/keepOnOneLine';
import { PersonKeys } from '../../src/preferences/personKeys';
import type { TableName } from '../../src/storage/entityStore';
import { startBot, type RunningBot } from './botHarness';
import { allActions, Conversation, type BotReply } from './conversation';
import { requestAdviser, type RequestedAdviser } from './handoffRequests';
import { sqliteRows } from './storedRows';
import type { TestClock } from './testClock';
import type { TeamsUser } from './teamsActivities';
import { withStore } from './withStore';

const PERSON_KEY_SECRET = 'e'.repeat(64);
const keys = new PersonKeys(Buffer.from(PERSON_KEY_SECRET, 'utf8'));

/**
 * A bot on one SQLite file, each start with the same person key secret: `confidential` is the confidential advisers' one
 * adviser, `integrity` the research integrity pool's; both have opened its chat. No background work.
 */
export async function startTwoPoolBot(
  sqlitePath: string,
  { confidential, integrity }: { readonly confidential: TeamsUser; readonly integrity: TeamsUser },
  clock: TestClock,
): Promise<RunningBot> {
  const settings = {
    SQLITE_PATH: sqlitePath,
    PERSON_KEY_SECRET,
    LOCAL_ADVISORS: `${confidential.aadObjectId}:${confidential.name}`,
    LOCAL_ADVISER_POOLS: `research-integrity=${integrity.aadObjectId}:${integrity.name}`,
  };
  const bot = await startBot(settings, { clock, runBackgroundWork: false });
  for (const adviser of [confidential, integrity]) await new Conversation(bot, adviser).installs();
  return bot;
}

/** The button of the choice card (which request typed words are for) that sends them to the request with `code`. */
export function relayChoiceButton(reply: BotReply | undefined, code: string): Record<string, unknown> {
  const button = allActions(reply?.card ?? {}).find((action) => action.type === 'Action.Submit' && String(action.title).includes(keepOnOneLine(code)));
  expect(button).toBeDefined();
  return button!.data as Record<string, unknown>;
}

/**
 * docs/SECURITY.md, the upgrade from unkeyed person keys run after the new version ran: one person's two open requests in
 * two pools. `older`, about research integrity, was filed by the earlier version under the person's plain key; `newer`,
 * about bullying, by the new version before the upgrade. Each bot `start` makes (startTwoPoolBot, on one SQLite file) is
 * stopped here; the upgrade has been applied when this returns, and neither request has an adviser yet.
 */
export async function twoOpenRequestsAfterUpgrade(
  start: () => Promise<RunningBot>,
  { person, clock }: { readonly person: TeamsUser; readonly clock: TestClock },
): Promise<{ readonly older: RequestedAdviser; readonly newer: RequestedAdviser }> {
  const earlier = await start();
  const older = await requestAdviser(earlier, person, { asks: { topic: 'research-integrity', perspective: 'witness' }, message: 'Een coauteur heeft data aangepast na de review.' });
  await earlier.app.outbox.runDueJobs();
  const rows = sqliteRows(earlier);
  const { storage } = earlier.config;
  await earlier.stop();
  const [keyed, unkeyed] = [keys.keyFor(person.aadObjectId), unkeyedPersonKey(person.aadObjectId)];
  await withStore(storage, async (store) => {
    for (const row of rows) {
      const [partitionKey, rowKey, value] = [row.partitionKey, row.rowKey, row.value].map((text) => text.replaceAll(keyed, unkeyed)) as [string, string, string];
      if (partitionKey === row.partitionKey && rowKey === row.rowKey && value === row.value) continue;
      let stored = JSON.parse(value) as Record<string, unknown>;
      // The earlier version's chat addresses kept the person's ids.
      if (row.table === 'conversations' && partitionKey === 'person') stored = { ...stored, user: { id: person.id, aadObjectId: person.aadObjectId, name: person.name } };
      await store.delete(row.table as TableName, row.partitionKey, row.rowKey);
      await store.upsert(row.table as TableName, partitionKey, rowKey, stored);
    }
  });

  clock.advanceMinutes(30);
  const newVersion = await start();
  const newer = await requestAdviser(newVersion, person, { message: 'Mijn leidinggevende kleineert me in het teamoverleg.' });
  await newVersion.app.outbox.runDueJobs();
  await newVersion.stop();
  const upgraded = await withStore(storage, (store) => upgradeUnkeyedPersonKeys(store, keys, { apply: true }));
  expect(upgraded).toMatchObject({ openCasesDoubled: 1, applied: true });
  return { older, newer };
}
