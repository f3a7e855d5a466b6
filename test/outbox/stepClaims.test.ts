import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboundCallError } from '../../src/handoff/advisorPorts';
import { Outbox } from '../../src/outbox/outbox';
import { runStepOnce, STEP_MARKERS } from '../../src/outbox/stepClaims';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/**
 * A step that must run once (the activity-feed notification) on two instances: an instance whose
 * claim was taken over, because it seemed dead for longer than the claim lasts, fails later and
 * must leave the new owner's claim alone, or a third run calls while that owner's call is in flight.
 * A job's step markers stay while the job may be retried, so that a retry does not notify again, and go when nothing can
 * run the job any more: with its delivered tombstone a month later, or with its row when it failed. Markers of other jobs,
 * and of keys that merely start alike, stay.
 */

const CLAIM_MS = 2 * 60_000;
let dataDir: string;
let store: SqliteEntityStore;
let clock: TestClock;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-stepclaims-'));
  store = new SqliteEntityStore(path.join(dataDir, 'outbox.sqlite'));
  clock = new TestClock('2026-11-24T10:00:00Z');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function latch(): { readonly opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const feedStep = (calls: string[], name: string, gate: Promise<void>, outcome: 'fails' | 'succeeds') =>
  runStepOnce(store, clock, 'feedNotified', 'case-1:notify:nl', CLAIM_MS, async () => {
    calls.push(name);
    await gate;
    if (outcome === 'fails') throw new Error('connection reset');
  });

it('keeps the claim another instance took over when the frozen first instance fails later, so a third run waits', async () => {
  const calls: string[] = [];
  const first = latch();
  const second = latch();
  const firstRun = feedStep(calls, 'first', first.opened, 'fails');
  while (calls.length < 1) await new Promise((resolve) => setImmediate(resolve));
  // The first instance seems dead for longer than its claim: the second takes the claim over and calls.
  clock.advanceMinutes(3);
  const secondRun = feedStep(calls, 'second', second.opened, 'succeeds');
  while (calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
  first.open();
  await expect(firstRun).rejects.toThrow('connection reset');

  // A third run while the second instance's call is in flight waits for it instead of calling again.
  await expect(feedStep(calls, 'third', Promise.resolve(), 'succeeds')).rejects.toThrow('in flight on another instance');
  second.open();
  expect(await secondRun).toBe('ran');
  expect(await feedStep(calls, 'fourth', Promise.resolve(), 'succeeds')).toBe('ranBefore');
  expect(calls).toEqual(['first', 'second']);
});

it('lets the retry claim again at once after its own failed call', async () => {
  const calls: string[] = [];
  await expect(feedStep(calls, 'first', Promise.resolve(), 'fails')).rejects.toThrow('connection reset');
  expect(await feedStep(calls, 'retry', Promise.resolve(), 'succeeds')).toBe('ran');
  expect(await feedStep(calls, 'again', Promise.resolve(), 'succeeds')).toBe('ranBefore');
  expect(calls).toEqual(['first', 'retry']);
});

const markerKeys = async () => (await store.listPartition('outbox', STEP_MARKERS.feedNotified)).map((marker) => marker.rowKey).sort();

it('keeps a delivered job\'s feed markers for the month of its tombstone, then purges them with it', async () => {
  const outbox = new Outbox(store, clock, {
    notify: async (_payload: never, job) => {
      for (const locale of ['nl', 'en']) await runStepOnce(store, clock, STEP_MARKERS.feedNotified, `${job.key}:${locale}`, CLAIM_MS, async () => undefined);
    },
  });
  await outbox.enqueue('notify:case-1', 'notify', {});
  expect(await outbox.runDueJobs()).toBe(1);
  clock.advanceMinutes(20 * 24 * 60);
  await outbox.enqueue('notify:case-12', 'notify', {});
  expect(await outbox.runDueJobs()).toBe(1);
  expect(await markerKeys()).toEqual(['notify:case-12:en', 'notify:case-12:nl', 'notify:case-1:en', 'notify:case-1:nl']);

  clock.advanceMinutes(11 * 24 * 60);
  expect(await outbox.purgeDeliveredMarkers()).toBe(1);
  expect(await markerKeys()).toEqual(['notify:case-12:en', 'notify:case-12:nl']);
});

it('purges a failed job\'s feed marker with its row', async () => {
  const outbox = new Outbox(store, clock, {
    notify: async (_payload: never, job) => {
      await runStepOnce(store, clock, STEP_MARKERS.feedNotified, job.key, CLAIM_MS, async () => undefined);
      throw new OutboundCallError('teams.proactiveMessage', false, 403);
    },
  });
  await outbox.enqueue('notify:case-2', 'notify', {});
  await outbox.runDueJobs();
  expect((await outbox.pendingJobs()).map((job) => job.failed)).toEqual([true]);
  expect(await markerKeys()).toEqual(['notify:case-2']);

  clock.advanceMinutes(31 * 24 * 60);
  expect(await outbox.purgeFailedJobs(30)).toBe(1);
  expect(await markerKeys()).toEqual([]);
});
