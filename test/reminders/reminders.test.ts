import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { chosenMomentDays, chosenMomentFor, dueTimeFor, newReminder, type ReminderHours } from '../../src/reminders/reminder';
import { checkInReminderHandler, type CheckInReminderToSend } from '../../src/reminders/checkInReminderDelivery';
import { EntityReminderStore } from '../../src/reminders/reminderStore';
import { CHECK_IN_REMINDER_JOB, ReminderSweep, type CheckInReminderJob } from '../../src/reminders/reminderSweep';
import { AzureTablesEntityStore } from '../../src/storage/azureTablesEntityStore';
import type { EntityStore } from '../../src/storage/entityStore';
import { SqliteEntityStore } from '../../src/storage/sqliteEntityStore';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { TestClock } from '../support/testClock';

const HOURS: ReminderHours = { morningHour: 9, afterShiftHour: 17 };
const AMSTERDAM = 'Europe/Amsterdam';

describe('when "remind me to check in" is due', () => {
  it('is tomorrow at the morning hour, local time', () => {
    expect(dueTimeFor('tomorrowMorning', new Date('2026-12-05T21:30:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-12-06T08:00:00.000Z');
    // Half past midnight in Amsterdam is already the next day there.
    expect(dueTimeFor('tomorrowMorning', new Date('2026-12-05T23:30:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('is after the shift today, or tomorrow once that hour has passed', () => {
    expect(dueTimeFor('afterShift', new Date('2026-12-05T10:00:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(dueTimeFor('afterShift', new Date('2026-12-05T16:30:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });

  it('is the morning of the day after tomorrow for "in two days"', () => {
    expect(dueTimeFor('inTwoDays', new Date('2026-12-05T10:00:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('keeps the local hour across a daylight saving change, in the person\'s own time zone', () => {
    // Summer time ends on 25 October 2026: 09:00 is 07:00 UTC before, 08:00 UTC after.
    expect(dueTimeFor('tomorrowMorning', new Date('2026-10-24T12:00:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(dueTimeFor('tomorrowMorning', new Date('2026-10-23T12:00:00Z'), HOURS, AMSTERDAM).toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(dueTimeFor('tomorrowMorning', new Date('2026-12-05T12:00:00Z'), HOURS, 'America/New_York').toISOString()).toBe('2026-12-06T14:00:00.000Z');
  });

  it('is a day and time of their own, in their time zone, later than now and within 30 days', () => {
    const now = new Date('2026-12-06T13:00:00Z');
    expect(chosenMomentFor('2026-12-24', '14:30', now, AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2026-12-24T13:30:00Z') });
    expect(chosenMomentFor('2026-12-06', '14:01', now, AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2026-12-06T13:01:00Z') });
    expect(chosenMomentFor('2026-12-24', '14:30', now, 'America/New_York')).toEqual({ outcome: 'ok', dueAt: new Date('2026-12-24T19:30:00Z') });
    // Teams may send seconds with the time.
    expect(chosenMomentFor('2026-12-24', '14:30:00', now, AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2026-12-24T13:30:00Z') });
    // Summer time begins on 28 March 2027: 10:00 that day is 08:00 UTC, the day before 09:00 UTC.
    const march = new Date('2027-03-20T12:00:00Z');
    expect(chosenMomentFor('2027-03-28', '10:00', march, AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2027-03-28T08:00:00Z') });
    expect(chosenMomentFor('2027-03-27', '10:00', march, AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2027-03-27T09:00:00Z') });
  });

  it('moves a time the clock skips past the jump, and takes the first of a time it shows twice, in every zone', () => {
    // Summer time: Amsterdam jumps from 02:00 to 03:00 on 28 March 2027, New York on 14 March 2027.
    expect(chosenMomentFor('2027-03-28', '02:30', new Date('2027-03-20T12:00:00Z'), AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2027-03-28T01:30:00Z') });
    expect(chosenMomentFor('2027-03-14', '02:30', new Date('2027-03-01T12:00:00Z'), 'America/New_York')).toEqual({ outcome: 'ok', dueAt: new Date('2027-03-14T07:30:00Z') });
    // Winter time: Amsterdam shows 02:30 twice on 25 October 2026, New York 01:30 on 1 November 2026.
    expect(chosenMomentFor('2026-10-25', '02:30', new Date('2026-10-20T12:00:00Z'), AMSTERDAM)).toEqual({ outcome: 'ok', dueAt: new Date('2026-10-25T00:30:00Z') });
    expect(chosenMomentFor('2026-11-01', '01:30', new Date('2026-10-20T12:00:00Z'), 'America/New_York')).toEqual({ outcome: 'ok', dueAt: new Date('2026-11-01T05:30:00Z') });
    // A zone three quarters of an hour off.
    expect(chosenMomentFor('2026-12-24', '14:30', new Date('2026-12-06T12:00:00Z'), 'Pacific/Chatham')).toEqual({ outcome: 'ok', dueAt: new Date('2026-12-24T00:45:00Z') });
  });

  it('refuses a moment that has passed, one more than 30 days ahead, and what is no day or time', () => {
    const now = new Date('2026-12-06T13:00:00Z');
    expect(chosenMomentFor('2026-12-06', '14:00', now, AMSTERDAM).outcome).toBe('passed');
    expect(chosenMomentFor('2026-12-05', '20:00', now, AMSTERDAM).outcome).toBe('passed');
    expect(chosenMomentFor('2027-01-05', '23:59', now, AMSTERDAM).outcome).toBe('ok');
    expect(chosenMomentFor('2027-01-06', '00:00', now, AMSTERDAM).outcome).toBe('tooFarAhead');
    expect(chosenMomentFor('2099-01-01', '09:00', now, AMSTERDAM).outcome).toBe('tooFarAhead');
    for (const [day, time] of [['2026-02-30', '09:00'], ['2026-13-01', '09:00'], ['0000-01-01', '09:00'], ['2026-12-24', '24:00'], ['2026-12-24', '09:60'], ['2026-12-24', '9:00'], ['', ''], ['2026-12-24', '']]) {
      expect(chosenMomentFor(day!, time!, now, AMSTERDAM).outcome).toBe('notADayAndTime');
    }
  });

  it('offers the days from today to 30 days ahead, as the person\'s calendar has them', () => {
    expect(chosenMomentDays(new Date('2026-12-06T13:00:00Z'), AMSTERDAM)).toEqual({ first: '2026-12-06', last: '2027-01-05' });
    // Half past midnight in Amsterdam is already the next day there.
    expect(chosenMomentDays(new Date('2026-12-06T23:30:00Z'), AMSTERDAM)).toEqual({ first: '2026-12-07', last: '2027-01-06' });
  });
});

let azurite: RunningAzurite;
const directories: string[] = [];
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

async function sqliteStore(): Promise<EntityStore> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'reminders-'));
  directories.push(directory);
  return new SqliteEntityStore(path.join(directory, 'bot.sqlite'));
}

async function azureStore(): Promise<EntityStore> {
  return AzureTablesEntityStore.create({ connectionString: azurite.connectionString, tablePrefix: `r${randomBytes(6).toString('hex')}`, allowInsecureConnection: true });
}

describe.each([
  ['SQLite', sqliteStore],
  ['Azure Tables on Azurite', azureStore],
])('reminders stored in %s', (_name, openStore) => {
  it('keeps one reminder per person with only its time, topic and language, hands it to the queue once due, keeps it until delivered, and lets it be cancelled', async () => {
    const store = await openStore();
    const reminders = new EntityReminderStore(store);
    const clock = new TestClock('2026-12-05T10:00:00Z');
    const queued: { key: string; kind: string; payload: CheckInReminderJob }[] = [];
    const sweep = new ReminderSweep(
      reminders,
      { enqueue: async (key, kind, payload) => queued.push({ key, kind, payload }), holds: async (key) => queued.some((job) => job.key === key) },
      clock,
      randomBytes(32),
    );
    const sent: CheckInReminderToSend[] = [];
    const delivery = checkInReminderHandler(reminders, async (reminder) => void sent.push(reminder));

    await reminders.save(newReminder({ personKey: 'person-a', topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('afterShift', clock.now(), HOURS, AMSTERDAM), clock.now()));
    // A second one replaces the first.
    await reminders.save(newReminder({ personKey: 'person-a', topic: 'aggression', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('tomorrowMorning', clock.now(), HOURS, AMSTERDAM), clock.now()));
    await reminders.save(newReminder({ personKey: 'person-b', topic: 'discrimination', locale: 'en', timeZone: AMSTERDAM }, dueTimeFor('inTwoDays', clock.now(), HOURS, AMSTERDAM), clock.now()));
    await reminders.save(newReminder({ personKey: 'person-c', topic: 'bullying', locale: 'en', timeZone: AMSTERDAM }, dueTimeFor('tomorrowMorning', clock.now(), HOURS, AMSTERDAM), clock.now()));
    expect((await reminders.all()).map((reminder) => reminder.personKey).sort()).toEqual(['person-a', 'person-b', 'person-c']);
    const stored = await store.get('reminders', 'person', 'person-a');
    expect(Object.keys(stored!.value as object).sort()).toEqual(['dueAt', 'locale', 'setAt', 'timeZone', 'topic']);

    expect(await reminders.remove('person-c')).toBe(true);
    expect(await reminders.remove('person-c')).toBe(false);

    expect(await sweep.run()).toBe(0);
    clock.advanceDays(1);
    expect(await sweep.run()).toBe(1);
    const dueA = (await reminders.find('person-a'))!.dueAt;
    // The job holds whose reminder and when, no topic or language: those are read when it is sent.
    expect(queued).toEqual([{ key: expect.stringMatching(/^reminder:[0-9a-f]{32}$/), kind: CHECK_IN_REMINDER_JOB, payload: { personKey: 'person-a', dueAt: dueA } }]);
    // The delivered key names no person key: the outbox keeps it for a month.
    expect(queued[0]!.key).not.toContain('person-a');
    // Kept, marked queued, until the job has delivered it; not queued again.
    expect((await reminders.find('person-a'))?.queuedAt).toBe(clock.now().toISOString());
    expect(await sweep.run()).toBe(0);
    expect(queued).toHaveLength(1);
    await delivery.run(queued[0]!.payload);
    expect(sent).toEqual([{ personKey: 'person-a', topic: 'aggression', locale: 'nl' }]);
    expect(await reminders.find('person-a')).toBeUndefined();

    clock.advanceDays(1);
    expect(await sweep.run()).toBe(1);
    expect(queued.map((job) => job.payload.personKey)).toEqual(['person-a', 'person-b']);
    // Cancelled while its job waits: the job sends nothing.
    expect(await reminders.remove('person-b')).toBe(true);
    await delivery.run(queued[1]!.payload);
    expect(sent).toHaveLength(1);
    expect(await reminders.all()).toEqual([]);
    await store.close();
  });

  it('sends nothing for a reminder set again while the job of the old one waited, and leaves the new one', async () => {
    const store = await openStore();
    const reminders = new EntityReminderStore(store);
    const clock = new TestClock('2026-12-05T10:00:00Z');
    const queued: { key: string; payload: CheckInReminderJob }[] = [];
    const sweep = new ReminderSweep(
      reminders,
      { enqueue: async (key, _kind, payload) => queued.push({ key, payload }), holds: async (key) => queued.some((job) => job.key === key) },
      clock,
      randomBytes(32),
    );
    const sent: CheckInReminderToSend[] = [];
    const delivery = checkInReminderHandler(reminders, async (reminder) => void sent.push(reminder));
    await reminders.save(newReminder({ personKey: 'person-a', topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('afterShift', clock.now(), HOURS, AMSTERDAM), clock.now()));
    clock.advanceDays(1);
    await sweep.run();
    const renewed = newReminder({ personKey: 'person-a', topic: 'aggression', locale: 'en', timeZone: AMSTERDAM }, dueTimeFor('inTwoDays', clock.now(), HOURS, AMSTERDAM), clock.now());
    await reminders.save(renewed);

    await delivery.run(queued[0]!.payload);
    await delivery.onGiveUp(queued[0]!.payload);
    expect(sent).toEqual([]);
    expect(await reminders.find('person-a')).toEqual(renewed);
    await store.close();
  });

  it('removes a queued reminder once the outbox holds nothing of its job any more, and keeps it while it does', async () => {
    const store = await openStore();
    const reminders = new EntityReminderStore(store);
    const clock = new TestClock('2026-12-05T10:00:00Z');
    const held = new Set<string>();
    const sweep = new ReminderSweep(reminders, { enqueue: async (key) => void held.add(key), holds: async (key) => held.has(key) }, clock, randomBytes(32));
    await reminders.save(newReminder({ personKey: 'person-a', topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('afterShift', clock.now(), HOURS, AMSTERDAM), clock.now()));
    clock.advanceDays(1);
    expect(await sweep.run()).toBe(1);
    await sweep.run();
    expect((await reminders.find('person-a'))?.queuedAt).toBeDefined();

    // Its end could not remove it (the store failing then), and the outbox has since purged the job's key.
    held.clear();
    await sweep.run();
    expect(await reminders.find('person-a')).toBeUndefined();
    await store.close();
  });

  it('does not remove a reminder set again while the sweep was handing over the old one', async () => {
    const store = await openStore();
    const reminders = new EntityReminderStore(store);
    const clock = new TestClock('2026-12-05T10:00:00Z');
    const old = newReminder({ personKey: 'person-a', topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('afterShift', clock.now(), HOURS, AMSTERDAM), clock.now());
    await reminders.save(old);
    clock.advanceDays(1);
    const renewed = newReminder({ personKey: 'person-a', topic: 'bullying', locale: 'nl', timeZone: AMSTERDAM }, dueTimeFor('inTwoDays', clock.now(), HOURS, AMSTERDAM), clock.now());
    await reminders.save(renewed);
    await reminders.removeIfUnchanged(old);
    expect(await reminders.find('person-a')).toEqual(renewed);
    await store.close();
  });
});
