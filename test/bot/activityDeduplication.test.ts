import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import { ActivityDeduplication, RESEND_LOOK_MS, TURN_LEASE_MS, TURN_MAX_MS, TurnStillRunning } from '../../src/bot/activityDeduplication';
import { createLogger, type Logger } from '../../src/logging/logger';
import type { Scheduler } from '../../src/shared/scheduler';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startBot } from '../support/botHarness';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';
import { postToBot } from '../support/postToBot';

/**
 * The activity marker says "running" until its turn ends, with a short lease the running turn
 * renews. A process that dies mid-turn leaves it so; a re-send after the lease takes it over and
 * is answered; a re-send within the lease waits for the turn (dropped when it ends, answered when
 * its lease lapses, refused with TurnStillRunning when it is still alive a lease later). Two
 * instances on one store stand in for two bot processes. The test clock runs the renewals and the
 * re-send's looks as it moves with `advanceSecondsRunningTimers`; `advanceMinutes` jumps over
 * them, as for a process that died, and so does `killableTimers` after `kill()`.
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

const instance = (on: EntityStore = store, logger: Logger = silent, scheduler: Scheduler = clock) =>
  new ActivityDeduplication(on, clock, logger, secret, scheduler);

/** The test clock's timers for one process, which stop running when it is killed. */
function killableTimers(): Scheduler & { kill(): void } {
  let alive = true;
  return {
    every: (intervalMs, task) => clock.every(intervalMs, () => (alive ? task() : undefined)),
    after: (delayMs, task) => clock.after(delayMs, () => (alive ? task() : undefined)),
    kill: () => (alive = false),
  };
}

/** Moves the test clock a second at a time, running its timers, until the delivery has settled (at most `seconds`). */
async function settledWhileClockRuns<T>(delivery: Promise<T>, seconds: number): Promise<T> {
  let settled = false;
  delivery.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let second = 0; second < seconds && !settled; second += 1) {
    await clock.advanceSecondsRunningTimers(1);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return delivery;
}

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

/** Starts a turn that runs until the test ends it. */
async function startLongTurn(deduplication: ActivityDeduplication, activity: object): Promise<{ end: () => void; ended: Promise<void> }> {
  let end: () => void = () => undefined;
  let started = false;
  const ended = deduplication.onTurn(turnOf(activity), () => {
    started = true;
    return new Promise<void>((resolve) => (end = resolve));
  });
  while (!started) await new Promise((resolve) => setImmediate(resolve));
  return { end, ended };
}
const turnOf = (activity: object) => ({ activity }) as unknown as TurnContext;

/** Runs one delivery of the activity through an instance; resolves with whether the turn ran. */
async function deliver(deduplication: ActivityDeduplication, activity: object): Promise<boolean> {
  let ran = false;
  await deduplication.onTurn(turnOf(activity), async () => {
    ran = true;
  });
  return ran;
}

it('answers a re-send 5 s after the process died once its lease lapses, where a 200 at once dropped it, and drops a copy after that', async () => {
  const activity = messageActivity(teamsUser('Lotte Bakker', 'nl-NL'), serviceUrl, 'hallo');
  const dying = killableTimers();
  await startLongTurn(instance(store, silent, dying), activity);
  // A few renewals while the process lives, then it dies: its timers stop with it.
  await clock.advanceSecondsRunningTimers(12);
  dying.kill();
  await clock.advanceSecondsRunningTimers(5);

  const resend = deliver(instance(), activity);
  await new Promise((resolve) => setImmediate(resolve));
  let settled = false;
  void resend.then(() => (settled = true));
  // Within the lease the copy waits: no answer, no drop.
  await clock.advanceSecondsRunningTimers(RESEND_LOOK_MS / 1000);
  expect(settled).toBe(false);
  expect(await settledWhileClockRuns(resend, TURN_LEASE_MS / 1000)).toBe(true);
  expect(await deliver(instance(), activity)).toBe(false);
});

it('drops a re-send that waited while the turn ran and then ended, and runs a re-send again whose turn failed meanwhile', async () => {
  const activity = messageActivity(teamsUser('Jesse Bos', 'nl-NL'), serviceUrl, 'hallo');
  const running = await startLongTurn(instance(), activity);
  await clock.advanceSecondsRunningTimers(3);
  const resend = deliver(instance(), activity);
  await clock.advanceSecondsRunningTimers(4);
  running.end();
  await running.ended;
  expect(await settledWhileClockRuns(resend, TURN_LEASE_MS / 1000)).toBe(false);

  const another = messageActivity(teamsUser('Jesse Bos', 'nl-NL'), serviceUrl, 'hallo nog een keer');
  let failFirst: (error: Error) => void = () => undefined;
  let started = false;
  const failing = instance().onTurn(turnOf(another), () => {
    started = true;
    return new Promise<void>((_resolve, reject) => (failFirst = reject));
  });
  while (!started) await new Promise((resolve) => setImmediate(resolve));
  const retried = deliver(instance(), another);
  await clock.advanceSecondsRunningTimers(2);
  failFirst(new Error('connector unavailable'));
  await expect(failing).rejects.toThrow('connector unavailable');
  expect(await settledWhileClockRuns(retried, TURN_LEASE_MS / 1000)).toBe(true);
});

it('answers a re-send 20 s after the process died, where a lease of a minute dropped it', async () => {
  const activity = messageActivity(teamsUser('Noor Visser', 'nl-NL'), serviceUrl, 'hallo');
  await startLongTurn(instance(), activity);
  // A few renewals while the process lives, then it dies: its timers stop with it.
  await clock.advanceSecondsRunningTimers(12);
  clock.advanceMinutes(20 / 60);
  expect(TURN_LEASE_MS).toBeLessThan(20_000);
  expect(await deliver(instance(), activity)).toBe(true);
  expect(await deliver(instance(), activity)).toBe(false);
});

it('keeps the marker of a live turn that runs two minutes, so a re-send is not run again, and lets go of a hung turn after TURN_MAX_MS', async () => {
  const activity = messageActivity(teamsUser('Femke de Boer', 'nl-NL'), serviceUrl, 'hallo');
  const { logger, lines } = capturingLogger();
  const slow = await startLongTurn(instance(store, logger), activity);
  // Each copy waits a lease, sees the turn alive (renewed meanwhile) and asks Teams to deliver it again.
  for (let elapsed = 0; elapsed < 120; elapsed += 20) {
    await clock.advanceSecondsRunningTimers(5);
    await expect(settledWhileClockRuns(deliver(instance(), activity), TURN_LEASE_MS / 1000 + 2)).rejects.toThrow(TurnStillRunning);
  }
  // The turn hangs: its renewals stop at TURN_MAX_MS, and a re-send then is answered once the lease that follows lapses.
  await clock.advanceSecondsRunningTimers((TURN_MAX_MS - 120_000) / 1000);
  expect(await settledWhileClockRuns(deliver(instance(), activity), TURN_LEASE_MS / 1000 + 1)).toBe(true);
  expect(lines.join('')).toContain('"event":"activityLeaseAbandoned"');
  slow.end();
  await slow.ended;
});

it('logs a renewal that failed or found the marker taken over, and the turn goes on', async () => {
  const activity = messageActivity(teamsUser('Ruben Mulder', 'en-GB'), serviceUrl, 'hello');
  const { logger, lines } = capturingLogger();
  let failReplace = true;
  const flaky = Object.create(store) as EntityStore;
  flaky.replace = async <T>(...args: Parameters<EntityStore['replace']>) => {
    if (failReplace) {
      failReplace = false;
      throw new Error('storage unavailable');
    }
    return store.replace<T>(...(args as [Parameters<EntityStore['replace']>[0], string, string, T, string]));
  };
  const turn = await startLongTurn(instance(flaky, logger), activity);
  await clock.advanceSecondsRunningTimers(TURN_LEASE_MS / 1000);
  expect(lines.join('')).toContain('"event":"activityLeaseNotRenewed"');
  await expect(settledWhileClockRuns(deliver(instance(), activity), TURN_LEASE_MS / 1000 + 2)).rejects.toThrow(TurnStillRunning);

  // The process stalls past its lease (a long pause): another instance takes the message over.
  clock.advanceMinutes(TURN_LEASE_MS / 60_000 + 0.1);
  expect(await deliver(instance(), activity)).toBe(true);
  await clock.advanceSecondsRunningTimers(TURN_LEASE_MS / 1000);
  expect(lines.join('')).toContain('"event":"activityLeaseLost"');
  turn.end();
  await expect(turn.ended).resolves.toBeUndefined();
});

it('leaves the marker of the instance that took a stalled turn over when the stalled turn then fails', async () => {
  const activity = messageActivity(teamsUser('Sanne Kok', 'nl-NL'), serviceUrl, 'hallo');
  let failStalled: (error: Error) => void = () => undefined;
  let started = false;
  const stalled = instance().onTurn(turnOf(activity), () => {
    started = true;
    return new Promise<void>((_resolve, reject) => (failStalled = reject));
  });
  while (!started) await new Promise((resolve) => setImmediate(resolve));
  clock.advanceMinutes(TURN_LEASE_MS / 60_000 + 0.1);
  const takenOver = await startLongTurn(instance(), activity);
  // The stalled turn's next renewal finds the marker another's; then it fails.
  await clock.advanceSecondsRunningTimers(TURN_LEASE_MS / 1000 / 3);
  failStalled(new Error('connector unavailable'));
  await expect(stalled).rejects.toThrow();
  const resend = deliver(instance(), activity);
  takenOver.end();
  await takenOver.ended;
  expect(await settledWhileClockRuns(resend, TURN_LEASE_MS / 1000)).toBe(false);
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
  const dead = killableTimers();
  void instance(store, silent, dead).onTurn(turnOf(activity), () => new Promise<void>(() => undefined));
  await new Promise((resolve) => setImmediate(resolve));
  dead.kill();
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
  // The one that lost the race waits for the winner's turn, then finds it done.
  const both = Promise.all([deliver(instance(interleaved), activity), deliver(instance(interleaved), activity)]);
  const outcomes = await settledWhileClockRuns(both, TURN_LEASE_MS / 1000);
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

/**
 * The markers' names are "HMAC-SHA256 under a key derived from the person-key secret" (README, Privacy): the test above
 * looks for unkeyed hashes only, and a marker keyed with a key written in the code, which anyone who reads the code can
 * recompute, passed it (audit, stop 32). The same message to bots with different secrets leaves markers with different
 * names, and the same secret the same name.
 */
it('names the marker of the same message differently under another person-key secret, and the same under the same one', async () => {
  const user = teamsUser('Sem Sleutel', 'en-GB');
  async function markerNamesFor(secret: string): Promise<string[]> {
    const bot = await startBot({ PERSON_KEY_SECRET: secret }, { clock, runBackgroundWork: false });
    try {
      const activity = { ...messageActivity(user, bot.connector.url, 'hello'), id: 'f:1764000000000-same-activity' };
      expect((await postToBot(bot, activity)).status).toBe(200);
      const markers = await bot.app.store.listPartition('activities', '2026-11-24');
      expect(markers.length).toBeGreaterThan(0);
      return markers.map((marker) => marker.rowKey).sort();
    } finally {
      await bot.stop();
    }
  }

  const first = await markerNamesFor('a'.repeat(64));
  const again = await markerNamesFor('a'.repeat(64));
  const other = await markerNamesFor('b'.repeat(64));
  expect(again).toEqual(first);
  for (const name of other) expect(first).not.toContain(name);
});
