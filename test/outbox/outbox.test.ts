import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboundCallError } from '../../src/handoff/advisorPorts';
import { Outbox } from '../../src/outbox/outbox';
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

it('keeps the lease of a job that outlasts it, so a second instance does not run it again', async () => {
  let release: () => void = () => undefined;
  let runs = 0;
  const slowJob = async (): Promise<void> => {
    runs += 1;
    if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
  };
  const first = new Outbox(store, clock, { 'case.notify': slowJob }, { leaseMs: 60_000 });
  // The renewal runs every third of the lease in real time; a short lease makes the test quick.
  const quickRenewal = new Outbox(store, clock, { 'case.notify': slowJob }, { leaseMs: 300 });
  const second = new Outbox(store, clock, { 'case.notify': slowJob });
  await first.enqueue('case-1:notify', 'case.notify', {});

  const running = quickRenewal.runDueJobs();
  const leaseUntil = async (): Promise<number> => new Date((await first.pendingJobs())[0]!.leaseUntil!).getTime();
  const takenUntil = await (async () => {
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    return leaseUntil();
  })();
  // The shared clock moves past the lease it was given; its renewal must move the lease along.
  clock.advanceMinutes(0.01);
  let renewedUntil = takenUntil;
  while (renewedUntil <= takenUntil) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    renewedUntil = await leaseUntil();
  }
  expect(renewedUntil).toBeGreaterThan(clock.now().getTime());
  expect(await second.runDueJobs()).toBe(0);
  release();
  expect(await running).toBe(1);
  expect(runs).toBe(1);
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
