import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ActivityDeduplication, TURN_LEASE_MS } from '../../src/bot/activityDeduplication';
import { createLogger } from '../../src/logging/logger';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startBot } from '../support/botHarness';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';
import { postToBot } from '../support/postToBot';

/**
 * The activity marker says "running" until its turn ends. A process that dies mid-turn leaves it
 * so; a re-send after the lease takes it over and is answered, a re-send within the lease is a
 * concurrent copy and is dropped. Two instances on one store stand in for two bot processes.
 */

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const secret = Buffer.alloc(32, 7);
const silent = createLogger('silent');
let store: SqliteEntityStore;
let clock: TestClock;

beforeEach(() => {
  store = new SqliteEntityStore(':memory:');
  clock = new TestClock('2026-11-24T10:00:00Z');
});
afterEach(() => store.close());

const instance = (on: EntityStore = store) => new ActivityDeduplication(on, clock, silent, secret);
const turnOf = (activity: object) => ({ activity }) as unknown as TurnContext;

/** Runs one delivery of the activity through an instance; resolves with whether the turn ran. */
async function deliver(deduplication: ActivityDeduplication, activity: object): Promise<boolean> {
  let ran = false;
  await deduplication.onTurn(turnOf(activity), async () => {
    ran = true;
  });
  return ran;
}

it('drops a re-send while the turn runs, runs it again after the lease when its process died, then drops it once done', async () => {
  const activity = messageActivity(teamsUser('Lotte Bakker', 'nl-NL'), serviceUrl, 'hallo');
  // The first process starts the turn and dies in it: the turn never ends.
  let started = false;
  void instance().onTurn(turnOf(activity), () => {
    started = true;
    return new Promise<void>(() => undefined);
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toBe(true);

  clock.advanceMinutes(TURN_LEASE_MS / 60_000 / 2);
  expect(await deliver(instance(), activity)).toBe(false);
  clock.advanceMinutes(TURN_LEASE_MS / 60_000);
  expect(await deliver(instance(), activity)).toBe(true);
  clock.advanceMinutes(TURN_LEASE_MS / 60_000 * 10);
  expect(await deliver(instance(), activity)).toBe(false);
});

it('takes over a marker left behind yesterday, across midnight', async () => {
  clock = new TestClock('2026-11-24T23:59:30Z');
  const activity = messageActivity(teamsUser('Daan Smit', 'nl-NL'), serviceUrl, 'hallo');
  void instance().onTurn(turnOf(activity), () => new Promise<void>(() => undefined));
  await new Promise((resolve) => setImmediate(resolve));
  clock.advanceMinutes(TURN_LEASE_MS / 60_000 + 1);
  expect(await deliver(instance(), activity)).toBe(true);
  expect(await deliver(instance(), activity)).toBe(false);
});

it('lets exactly one of two instances take over a marker left behind, when both read it before either writes', async () => {
  const activity = messageActivity(teamsUser('Iris de Wit', 'en-GB'), serviceUrl, 'hello');
  void instance().onTurn(turnOf(activity), () => new Promise<void>(() => undefined));
  await new Promise((resolve) => setImmediate(resolve));
  clock.advanceMinutes(TURN_LEASE_MS / 60_000 + 1);

  // Each instance's read of today's marker waits until the other's has read it too.
  let reads = 0;
  let bothRead: () => void = () => undefined;
  const barrier = new Promise<void>((resolve) => (bothRead = resolve));
  const interleaved = Object.create(store) as EntityStore;
  interleaved.get = async <T>(...args: Parameters<EntityStore['get']>) => {
    const found = await store.get<T>(...args);
    if (found && args[1] === '2026-11-24') {
      reads += 1;
      if (reads === 2) bothRead();
      await barrier;
    }
    return found;
  };
  const outcomes = await Promise.all([deliver(instance(interleaved), activity), deliver(instance(interleaved), activity)]);
  expect(reads).toBeGreaterThanOrEqual(2);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
});

it('tries a failed turn again on the next re-send', async () => {
  const activity = messageActivity(teamsUser('Bram Peters', 'en-GB'), serviceUrl, 'hello');
  await expect(instance().onTurn(turnOf(activity), () => Promise.reject(new Error('storage unavailable')))).rejects.toThrow();
  expect(await deliver(instance(), activity)).toBe(true);
  expect(await deliver(instance(), activity)).toBe(false);
});

it('counts an answer once (isFirst), within two days', async () => {
  const deduplication = instance();
  expect(await deduplication.isFirst('a:1conversation', 'feedback:1')).toBe(true);
  expect(await deduplication.isFirst('a:1conversation', 'feedback:1')).toBe(false);
  clock.advanceDays(1);
  expect(await deduplication.isFirst('a:1conversation', 'feedback:1')).toBe(false);
  expect(await deduplication.isFirst('a:1conversation', 'feedback:2')).toBe(true);
});

it('stores no marker a reader of the table could recompute from a chat address and an activity id', async () => {
  const bot = await startBot({}, { clock, runBackgroundWork: false });
  try {
    const user = teamsUser('Sem Janssen', 'en-GB');
    const activity = messageActivity(user, bot.connector.url, 'hello');
    expect((await postToBot(bot, activity)).status).toBe(200);
    expect(bot.connector.repliesTo(activity.id).length).toBeGreaterThan(0);
    const markers = await bot.app.store.listPartition('activities', '2026-11-24');
    expect(markers.length).toBeGreaterThan(0);
    const stored = JSON.stringify(markers);
    // The former name and its obvious variants: unkeyed hashes of what a chat address and a guessed id give.
    const inputs = [`${user.conversationId}\u0000${activity.id}`, `${user.conversationId}:${activity.id}`, `${user.conversationId}${activity.id}`, activity.id];
    for (const input of inputs) {
      const hash = createHash('sha256').update(input).digest('hex');
      expect(stored).not.toContain(hash.slice(0, 40));
      expect(stored).not.toContain(createHash('sha1').update(input).digest('hex'));
    }
    expect(stored).not.toContain(activity.id);
    expect(stored).not.toContain(user.conversationId);
    expect(markers.map((marker) => marker.value)).toContainEqual({ state: 'done' });
  } finally {
    await bot.stop();
  }
});
