import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Outbox } from '../../src/outbox/outbox';
import { PersonKeys } from '../../src/preferences/personKeys';
import { newReminder, type Reminder } from '../../src/reminders/reminder';
import { checkInReminderHandler, type CheckInReminderToSend } from '../../src/reminders/checkInReminderDelivery';
import { EntityReminderStore } from '../../src/reminders/reminderStore';
import { CHECK_IN_REMINDER_JOB, ReminderSweep } from '../../src/reminders/reminderSweep';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { TestClock } from '../support/testClock';

/*
 * The outbox keeps a reminder's delivered key for a month, after "forget me" too. Review 29 (#23):
 * the key was an unkeyed SHA-256 of person key and due time, and due times fall on a grid of
 * minutes, so whoever held a person key (from any row before forget-me) could find its reminder by
 * trying the ~43,000 minutes of 30 days. The key is now an HMAC under a key derived from the
 * person-key secret, as the activity markers' and the week tags' keys are.
 */

const AMSTERDAM = 'Europe/Amsterdam';
const SET_AT = '2026-12-05T10:00:00Z';
const PERSON_KEY = createHmac('sha256', 'a test secret').update('person:some-user').digest('hex').slice(0, 40);

let dataDir: string;
let store: SqliteEntityStore;
let clock: TestClock;
let personKeys: PersonKeys;
let sent: CheckInReminderToSend[];
let outbox: Outbox;
let reminders: EntityReminderStore;
let sweep: ReminderSweep;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reminder-job-keys-'));
  store = new SqliteEntityStore(path.join(dataDir, 'bot.sqlite'));
  clock = new TestClock(SET_AT);
  personKeys = new PersonKeys(randomBytes(32));
  sent = [];
  reminders = new EntityReminderStore(store);
  outbox = new Outbox(store, clock, { [CHECK_IN_REMINDER_JOB]: checkInReminderHandler(reminders, async (reminder) => void sent.push(reminder)) });
  sweep = new ReminderSweep(reminders, outbox, clock, personKeys.derivedKey('reminder-jobs'));
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function reminderDueAt(dueAt: string): Reminder {
  return newReminder({ personKey: PERSON_KEY, topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, new Date(dueAt), clock.now());
}

/** How versions before stop 29 keyed the job. */
function unkeyedJobKey(reminder: Reminder): string {
  return `reminder:${createHash('sha256').update(`${reminder.personKey}\u0000${reminder.dueAt}`).digest('hex').slice(0, 32)}`;
}

async function outboxKeys(): Promise<string[]> {
  const rows = [...(await store.listPartition('outbox', 'job')), ...(await store.listPartition('outbox', 'done'))];
  return rows.map((row) => row.rowKey);
}

it('stores a delivered key that no one holding only the person key can find by trying every due minute', async () => {
  const reminder = reminderDueAt('2026-12-17T16:37:00Z');
  await reminders.save(reminder);
  clock.advanceDays(13);
  expect(await sweep.run()).toBe(1);
  await outbox.runDueJobs();
  expect(sent).toEqual([{ personKey: PERSON_KEY, topic: 'bullying', locale: 'nl' }]);

  const stored = await outboxKeys();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatch(/^reminder:[0-9a-f]{32}$/);
  expect(stored[0]).not.toContain(PERSON_KEY.slice(0, 8));
  // The attack: every minute of the 30 days a reminder may lie ahead, hashed with the person key.
  const first = Date.parse(SET_AT);
  const guesses = new Set<string>();
  for (let minute = 0; minute <= 31 * 24 * 60; minute++) {
    guesses.add(unkeyedJobKey({ ...reminder, dueAt: new Date(first + minute * 60_000).toISOString() }));
  }
  expect(guesses.has(unkeyedJobKey(reminder))).toBe(true);
  expect(stored.filter((key) => guesses.has(key))).toEqual([]);
  // With the secret the key is the reminder's, so the sweep still finds its own job again.
  const keyed = createHmac('sha256', personKeys.derivedKey('reminder-jobs')).update(`${PERSON_KEY}\u0000${reminder.dueAt}`).digest('hex').slice(0, 32);
  expect(stored).toEqual([`reminder:${keyed}`]);
});

it('sends a reminder set before the change once, also when the sweep runs again before the outbox', async () => {
  await reminders.save(reminderDueAt('2026-12-06T08:00:00Z'));
  clock.advanceDays(1);
  expect(await sweep.run()).toBe(1);
  // A reminder saved again in the same state (a sweep that stopped before removing it) is queued under the same key.
  await reminders.save(reminderDueAt('2026-12-06T08:00:00Z'));
  expect(await sweep.run()).toBe(1);
  await outbox.runDueJobs();
  await outbox.runDueJobs();
  expect(sent).toHaveLength(1);
  expect(await reminders.all()).toEqual([]);
});

it.each([
  ['still waits in the outbox', false],
  ['was delivered', true],
])('does not send a reminder again whose job an earlier version queued under the unkeyed key and that %s', async (_state, delivered) => {
  const reminder = reminderDueAt('2026-12-06T08:00:00Z');
  await reminders.save(reminder);
  clock.advanceDays(1);
  // The earlier version queued the job, then stopped before it removed the reminder.
  await outbox.enqueue(unkeyedJobKey(reminder), CHECK_IN_REMINDER_JOB, { personKey: PERSON_KEY, topic: 'bullying', locale: 'nl' });
  if (delivered) await outbox.runDueJobs();

  expect(await sweep.run()).toBe(1);
  await outbox.runDueJobs();
  expect(await sweep.run()).toBe(0);
  await outbox.runDueJobs();

  expect(sent).toHaveLength(1);
  expect(await reminders.all()).toEqual([]);
  expect(await outboxKeys()).toEqual([unkeyedJobKey(reminder)]);
});
