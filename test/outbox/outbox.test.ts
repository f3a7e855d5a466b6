import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboundCallError } from '../../src/handoff/advisorPorts';
import { Outbox, type OutboxEvent, type OutboxJob } from '../../src/outbox/outbox';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/**
 * The durable outbox on its own, with a test clock: retries honour Retry-After, a delivered key
 * is never sent again, and a job that gives up keeps nothing of what it carried.
 */

let dataDir: string;
let store: SqliteEntityStore;
let clock: TestClock;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-outbox-'));
  store = new SqliteEntityStore(path.join(dataDir, 'outbox.sqlite'));
  clock = new TestClock('2026-11-24T10:00:00Z');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('waits as long as Retry-After says before trying a throttled call again, then delivers once', async () => {
  const attempts: string[] = [];
  const outbox = new Outbox(store, clock, {
    'relay.toAdvisor': async (payload: { text: string }) => {
      attempts.push(payload.text);
      if (attempts.length === 1) throw new OutboundCallError('teams.send', true, 429, 120_000);
    },
  });
  await outbox.enqueue('case-1:toAdvisor:m1', 'relay.toAdvisor', { text: 'Can we talk tomorrow?' });

  expect(await outbox.runDueJobs()).toBe(0);
  clock.advanceMinutes(1);
  expect(await outbox.runDueJobs()).toBe(0);
  expect(attempts).toHaveLength(1);
  clock.advanceMinutes(1.5);
  expect(await outbox.runDueJobs()).toBe(1);
  expect(attempts).toEqual(['Can we talk tomorrow?', 'Can we talk tomorrow?']);
  expect(await outbox.pendingJobs()).toEqual([]);
});

it('never sends a delivered key again, even when it is enqueued again', async () => {
  let sent = 0;
  const outbox = new Outbox(store, clock, { 'case.notify': async () => void (sent += 1) });
  expect(await outbox.enqueue('case-1:notify', 'case.notify', {})).toBe('enqueued');
  expect(await outbox.enqueue('case-1:notify', 'case.notify', {})).toBe('alreadyEnqueued');
  await outbox.runDueJobs();
  expect(await outbox.enqueue('case-1:notify', 'case.notify', {})).toBe('alreadyEnqueued');
  await outbox.runDueJobs();
  expect(sent).toBe(1);
});

it('gives up on a call that cannot succeed and keeps no message text, only why', async () => {
  const outbox = new Outbox(store, clock, {
    'relay.toRequester': async () => {
      throw new OutboundCallError('teams.send', false, 403);
    },
  });
  await outbox.enqueue('case-2:toRequester:m7', 'relay.toRequester', { caseId: 'case-2', text: 'Shall we meet on Thursday?' });
  await outbox.runDueJobs();

  const [job] = await outbox.pendingJobs();
  expect(job).toMatchObject({ failed: true, attempts: 1, lastFailure: 'teams.send HTTP 403', payload: null });
  const stored = JSON.stringify(await store.listPartition('outbox', 'job'));
  expect(stored).toContain('case-2:toRequester:m7');
  expect(stored).not.toContain('Thursday');
  // A failed job is not tried again.
  clock.advanceDays(1);
  expect(await outbox.runDueJobs()).toBe(0);
});

it('gives up on a retryable call after giveUpAfterMs, and keeps no message text', async () => {
  const outbox = new Outbox(store, clock, { 'relay.toAdvisor': async () => Promise.reject(new OutboundCallError('teams.send', true, 503)) }, {
    giveUpAfterMs: 60 * 60_000,
  });
  await outbox.enqueue('case-3:toAdvisor:m2', 'relay.toAdvisor', { text: 'I am scared to go back to the ward' });
  for (let minute = 0; minute <= 70; minute += 10) {
    await outbox.runDueJobs();
    clock.advanceMinutes(10);
  }
  const [job] = await outbox.pendingJobs();
  expect(job).toMatchObject({ failed: true, payload: null, lastFailure: 'teams.send HTTP 503' });
  expect(job!.attempts).toBeGreaterThan(1);
});

it('forgets delivered keys a month after delivery, checking once a day', async () => {
  const outbox = new Outbox(store, clock, { 'case.notify': async () => undefined });
  await outbox.enqueue('case-4:notify', 'case.notify', {});
  await outbox.runDueJobs();
  clock.advanceDays(29.8);
  expect(await outbox.purgeDeliveredMarkers()).toBe(0);
  clock.advanceDays(0.5);
  // Over a month old now, but checked less than a day ago: not read again yet.
  expect(await outbox.purgeDeliveredMarkers()).toBe(0);
  clock.advanceDays(0.6);
  expect(await outbox.purgeDeliveredMarkers()).toBe(1);
  expect(await store.listPartition('outbox', 'done')).toEqual([]);
});

it('gives a job kind its own patience, and lets it tell the sender before the payload goes', async () => {
  const told: string[] = [];
  const outbox = new Outbox(store, clock, {
    'relay.toAdvisor': {
      giveUpAfterMs: 60 * 60_000,
      run: async () => {
        throw new OutboundCallError('teams.send', true, 503);
      },
      onGiveUp: async (payload: { caseId: string; text: string }) => void told.push(payload.caseId),
    },
  });
  await outbox.enqueue('case-7:toAdvisor:m1', 'relay.toAdvisor', { caseId: 'case-7', text: 'Are you there?' });
  for (let minute = 0; minute < 50; minute += 5) {
    await outbox.runDueJobs();
    clock.advanceMinutes(5);
  }
  expect(told).toEqual([]);
  clock.advanceMinutes(20);
  await outbox.runDueJobs();
  expect(told).toEqual(['case-7']);
  const [failed] = await outbox.pendingJobs();
  expect(failed).toMatchObject({ failed: true, payload: null });
});

it('merges into a job that has not started, and refuses once it has', async () => {
  const delivered: string[][] = [];
  const outbox = new Outbox(store, clock, { 'relay.merged': async (payload: { texts: string[] }) => void delivered.push(payload.texts) });
  const at = new Date(clock.now().getTime() + 60_000);
  const add = (text: string) =>
    outbox.enqueueMerged('case-8:merged:1', 'relay.merged', { texts: [text] }, (pending: { texts: string[] }) => ({ texts: [...pending.texts, text] }), at);
  expect(await add('one')).toBe('enqueued');
  expect(await add('two')).toBe('merged');
  expect(await outbox.runDueJobs()).toBe(0);
  clock.advanceMinutes(1);
  expect(await outbox.runDueJobs()).toBe(1);
  expect(delivered).toEqual([['one', 'two']]);
  expect(await add('three')).toBe('full');
});

it('runs a job due after another only once that one is delivered, in the same pass', async () => {
  const delivered: string[] = [];
  let refusals = 1;
  const outbox = new Outbox(store, clock, {
    'relay.merged': async (payload: { texts: string[] }) => {
      if (payload.texts[0] === 'part 1' && refusals-- > 0) throw new OutboundCallError('teams.send', true, 503);
      delivered.push(payload.texts[0]!);
    },
  });
  const at = new Date(clock.now().getTime() + 60_000);
  const part = (text: string, key: string, after?: string) =>
    outbox.enqueueMerged(key, 'relay.merged', { texts: [text] }, () => undefined, at, after);
  await part('part 1', 'case-9:merged:1');
  await part('part 2', 'case-9:merged:1:1', 'case-9:merged:1');
  await part('part 3', 'case-9:merged:1:2', 'case-9:merged:1:1');

  clock.advanceMinutes(1);
  expect(await outbox.runDueJobs()).toBe(0);
  expect(delivered).toEqual([]);
  clock.advanceMinutes(1);
  expect(await outbox.runDueJobs()).toBe(3);
  expect(delivered).toEqual(['part 1', 'part 2', 'part 3']);
});

it('runs the jobs of one order group in the order enqueued, while other groups and a job scheduled ahead go their own way', async () => {
  const delivered: string[] = [];
  let refusals = 1;
  const outbox = new Outbox(store, clock, {
    'relay.toAdvisor': {
      run: async (payload: { caseId: string; text: string }) => {
        if (payload.text === 'first' && refusals-- > 0) throw new OutboundCallError('teams.send', true, 429, 30_000);
        if (payload.text === 'never') throw new OutboundCallError('teams.send', false, 404);
        delivered.push(`${payload.caseId} ${payload.text}`);
      },
      inOrderOf: (payload: { caseId: string }) => payload.caseId,
    },
  });
  const seconds = (count: number) => clock.advanceMinutes(count / 60);
  await outbox.enqueue('case-1:toAdvisor:1', 'relay.toAdvisor', { caseId: 'case-1', text: 'first' });
  expect(await outbox.runDueJobs()).toBe(0);
  seconds(1);
  // Merged at the end of the minute: a job scheduled ahead and never tried holds back nothing written after it.
  await outbox.enqueueMerged('case-1:toAdvisor:merged', 'relay.toAdvisor', { caseId: 'case-1', text: 'merged' }, () => undefined, new Date(clock.now().getTime() + 50_000));
  seconds(1);
  await outbox.enqueue('case-1:toAdvisor:2', 'relay.toAdvisor', { caseId: 'case-1', text: 'second' });
  await outbox.enqueue('case-2:toAdvisor:1', 'relay.toAdvisor', { caseId: 'case-2', text: 'other case' });
  expect(await outbox.runDueJobs()).toBe(1);
  expect(delivered).toEqual(['case-2 other case']);

  seconds(30);
  expect(await outbox.runDueJobs()).toBe(2);
  expect(delivered).toEqual(['case-2 other case', 'case-1 first', 'case-1 second']);
  seconds(30);
  expect(await outbox.runDueJobs()).toBe(1);
  expect(delivered.at(-1)).toBe('case-1 merged');

  // A job given up holds back nothing from the next pass on.
  await outbox.enqueue('case-3:toAdvisor:1', 'relay.toAdvisor', { caseId: 'case-3', text: 'never' });
  seconds(1);
  await outbox.enqueue('case-3:toAdvisor:2', 'relay.toAdvisor', { caseId: 'case-3', text: 'after it' });
  expect(await outbox.runDueJobs()).toBe(0);
  expect(await outbox.runDueJobs()).toBe(1);
  expect(delivered.at(-1)).toBe('case-3 after it');
});

it('keeps the lease of a job that outlasts it, so a second instance does not run it again', async () => {
  let release: () => void = () => undefined;
  let runs = 0;
  const slowJob = async (): Promise<void> => {
    runs += 1;
    if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
  };
  // The renewal runs every third of the lease in real time; a short lease makes the test quick.
  const quickRenewal = new Outbox(store, clock, { 'case.notify': slowJob }, { leaseMs: 300 });
  const second = new Outbox(store, clock, { 'case.notify': slowJob });
  await quickRenewal.enqueue('case-1:notify', 'case.notify', {});

  const running = quickRenewal.runDueJobs();
  const leaseUntil = async (): Promise<number> => new Date((await store.listPartition<OutboxJob>('outbox', 'job'))[0]!.value.leaseUntil!).getTime();
  expect(await waitUntil(async () => runs === 1)).toBe(true);
  const takenUntil = await leaseUntil();
  // The shared clock moves past the lease it was given; its renewal must move the lease along.
  clock.advanceMinutes(0.01);
  expect(await waitUntil(async () => (await leaseUntil()) > takenUntil)).toBe(true);
  expect(await leaseUntil()).toBeGreaterThan(clock.now().getTime());
  expect(await second.runDueJobs()).toBe(0);
  release();
  expect(await running).toBe(1);
  expect(runs).toBe(1);
});

it('lets go of a job whose call never returns: the run fails at maxJobMs, the lease is no longer renewed, and stop() returns', async () => {
  const events: OutboxEvent[] = [];
  let calls = 0;
  const neverReturns = (): Promise<void> => {
    calls += 1;
    return new Promise<void>(() => undefined);
  };
  const hung = new Outbox(store, clock, { 'case.notify': neverReturns }, {
    leaseMs: 300,
    maxJobMs: 600,
    onEvent: (event) => events.push(event),
  });
  await hung.enqueue('case-1:notify', 'case.notify', {});
  hung.start();
  expect(await waitUntil(async () => calls === 1)).toBe(true);
  // Before maxJobMs the hung run held the job (renewed forever) and stop() waited on it for good.
  let stopped = false;
  void hung.stop().then(() => (stopped = true));
  expect(await waitUntil(async () => stopped)).toBe(true);
  expect(events.map((event) => event.type)).toEqual(['leaseAbandoned', 'retryScheduled']);
  expect(JSON.stringify(events)).toContain('job case.notify deadline');

  clock.advanceMinutes(10);
  expect(await new Outbox(store, clock, { 'case.notify': async () => undefined }).runDueJobs()).toBe(1);
  expect(await store.listPartition('outbox', 'job')).toEqual([]);
});

it('acts on nothing when another instance took the job meanwhile: no giving up, no sender told, the row left to it', async () => {
  const told: string[] = [];
  const events: OutboxEvent[] = [];
  let fail: () => void = () => undefined;
  let started = false;
  const first = new Outbox(
    store,
    clock,
    {
      'relay.toAdvisor': {
        run: async () => {
          started = true;
          await new Promise<void>((resolve) => (fail = resolve));
          throw new OutboundCallError('teams.send', false, 403);
        },
        onGiveUp: async (payload: { caseId: string }) => void told.push(payload.caseId),
      },
    },
    // A lease renewed only every 20 s (real time): the shared clock runs past it first.
    { leaseMs: 60_000, onEvent: (event) => events.push(event) },
  );
  // The second instance finds the first one's feed claim still fresh and reschedules the job.
  const second = new Outbox(store, clock, {
    'relay.toAdvisor': async () => Promise.reject(new OutboundCallError('feedNotified in flight on another instance', true, undefined, 60_000)),
  });
  await first.enqueue('case-9:toAdvisor:m1', 'relay.toAdvisor', { caseId: 'case-9', text: 'Is anyone reading this?' });
  const firstRun = first.runDueJobs();
  expect(await waitUntil(async () => started)).toBe(true);
  clock.advanceMinutes(1.5);
  expect(await second.runDueJobs()).toBe(0);
  fail();
  expect(await firstRun).toBe(0);

  expect(told).toEqual([]);
  expect(events).toEqual([]);
  const [job] = await second.pendingJobs();
  expect(job).toMatchObject({ failed: false, attempts: 1, payload: { caseId: 'case-9' }, leaseOwner: null });
});

it('does not send again a job another instance took meanwhile when the first run delivered it after all', async () => {
  const sent: string[] = [];
  let finish: () => void = () => undefined;
  let started = false;
  const first = new Outbox(
    store,
    clock,
    {
      'relay.toAdvisor': async () => {
        started = true;
        await new Promise<void>((resolve) => (finish = resolve));
        sent.push('first');
      },
    },
    { leaseMs: 60_000 },
  );
  let secondTries = 0;
  const second = new Outbox(store, clock, {
    'relay.toAdvisor': async () => {
      secondTries += 1;
      if (secondTries === 1) throw new OutboundCallError('teams.send', true, 503);
      sent.push('second');
    },
  });
  await first.enqueue('case-9:toAdvisor:m2', 'relay.toAdvisor', { caseId: 'case-9' });
  const firstRun = first.runDueJobs();
  expect(await waitUntil(async () => started)).toBe(true);
  clock.advanceMinutes(1.5);
  expect(await second.runDueJobs()).toBe(0);
  finish();
  await firstRun;

  clock.advanceMinutes(10);
  await second.runDueJobs();
  expect(sent).toEqual(['first']);
  expect(await store.listPartition('outbox', 'job')).toEqual([]);
});

it('waits no longer than ten minutes when Retry-After asks for a week', async () => {
  let attempts = 0;
  const throttled = new Outbox(store, clock, {
    'relay.toAdvisor': async () => {
      attempts += 1;
      if (attempts === 1) throw new OutboundCallError('teams.send', true, 429, 7 * 24 * 3_600_000);
    },
  });
  await throttled.enqueue('case-1:toAdvisor:m1', 'relay.toAdvisor', {});
  await throttled.runDueJobs();
  clock.advanceMinutes(10);
  expect(await throttled.runDueJobs()).toBe(1);
});

/** Polls a condition for up to two seconds; false instead of a hang when it never holds. */
async function waitUntil(condition: () => Promise<boolean>): Promise<boolean> {
  for (let poll = 0; poll < 40; poll += 1) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

it('sends a delivered job once when the store refuses its tombstone: tried again, then the job row itself marked delivered', async () => {
  const sent: string[] = [];
  const events: OutboxEvent[] = [];
  const relay = { 'relay.toRequester': async (payload: { text: string }) => void sent.push(payload.text) };
  const first = new Outbox(store, clock, relay, { onEvent: (event) => events.push(event) });
  const second = new Outbox(store, clock, relay);
  await first.enqueue('case-5:toRequester:m1', 'relay.toRequester', { text: 'Shall we talk on Thursday?' });

  // A store that stays busy for every write of the tombstone during the run (SQLITE_BUSY; 503 ServerBusy on Azure Tables).
  const upsert = store.upsert.bind(store);
  let refused = 0;
  const refuseTombstones = jest.spyOn(store, 'upsert').mockImplementation(async (table, partition, rowKey, value) => {
    if (table === 'outbox' && partition === 'done') {
      refused += 1;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    }
    return upsert(table, partition, rowKey, value);
  });
  await expect(first.runDueJobs()).resolves.toBe(0);
  refuseTombstones.mockRestore();
  expect(refused).toBeGreaterThan(1);
  expect(events).toContainEqual({ type: 'deliveredMarkerPending', kind: 'relay.toRequester' });
  // The row says delivered and holds no text any more.
  const [pending] = await first.pendingJobs();
  expect(pending).toMatchObject({ payload: null, deliveredAt: expect.any(String), failed: false });

  // Another instance's next pass writes the tombstone and calls nothing.
  clock.advanceMinutes(1);
  await second.runDueJobs();
  clock.advanceMinutes(5);
  await first.runDueJobs();
  expect(sent).toEqual(['Shall we talk on Thursday?']);
  expect(await store.listPartition('outbox', 'job')).toEqual([]);
  expect(await first.enqueue('case-5:toRequester:m1', 'relay.toRequester', { text: 'Shall we talk on Thursday?' })).toBe('alreadyEnqueued');
});

it('sends a delivered job once when the store refuses its tombstone once: the write is tried again at once', async () => {
  let sent = 0;
  const outbox = new Outbox(store, clock, { 'case.notify': async () => void (sent += 1) });
  await outbox.enqueue('case-6:notify', 'case.notify', {});
  const upsert = store.upsert.bind(store);
  let refused = false;
  jest.spyOn(store, 'upsert').mockImplementation(async (table, partition, rowKey, value) => {
    if (!refused && table === 'outbox' && partition === 'done') {
      refused = true;
      throw Object.assign(new Error('The server is busy.'), { statusCode: 503 });
    }
    return upsert(table, partition, rowKey, value);
  });
  expect(await outbox.runDueJobs()).toBe(1);
  jest.restoreAllMocks();
  clock.advanceMinutes(5);
  await outbox.runDueJobs();
  expect(refused).toBe(true);
  expect(sent).toBe(1);
  expect(await outbox.pendingJobs()).toEqual([]);
});
