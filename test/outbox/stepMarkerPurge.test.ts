import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboundCallError } from '../../src/handoff/advisorPorts';
import { Outbox } from '../../src/outbox/outbox';
import { runStepOnce, STEP_MARKERS } from '../../src/outbox/stepClaims';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/**
 * A job's step markers (the feed notification's) stay while the job may be retried, so that a retry
 * does not notify again, and go when nothing can run the job any more: with its delivered tombstone
 * a month later, or with its row when it failed. Markers of other jobs, and of keys that merely
 * start alike, stay.
 */

const CLAIM_MS = 2 * 60_000;
let dataDir: string;
let store: SqliteEntityStore;
let clock: TestClock;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-stepmarkers-'));
  store = new SqliteEntityStore(path.join(dataDir, 'outbox.sqlite'));
  clock = new TestClock('2026-11-24T10:00:00Z');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
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
