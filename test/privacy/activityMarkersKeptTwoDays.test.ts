import { createHash } from 'node:crypto';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The storage table of the README: activity de-duplication markers are kept "two days", and
 * markers an earlier version named unkeyed "go in the sweep two days later" (Privacy table). The
 * de-duplication tests prove what a marker does while it exists; this proves that it goes.
 */
jest.setTimeout(60_000);

const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

const markersOf = (day: string) => bot.app.store.listPartition('activities', day);

it('keeps the markers of a day for two days, and the sweep then deletes them, an earlier version\'s unkeyed ones too', async () => {
  await new Conversation(bot, teamsUser('Lieke Bakker', 'nl-NL')).says('hallo');
  const unkeyed = createHash('sha256').update('a:1earlier-version\u00001700000000000').digest('hex').slice(0, 40);
  await bot.app.store.insert('activities', '2026-11-24', unkeyed, { state: 'done' });
  const markers = await markersOf('2026-11-24');
  expect(markers.length).toBeGreaterThanOrEqual(2);

  // A day later the markers still answer a re-send (Teams re-sends across midnight): the sweep keeps them.
  clock.advanceDays(1);
  await bot.app.runSweep();
  expect((await markersOf('2026-11-24')).length).toBe(markers.length);

  clock.advanceDays(1);
  await bot.app.runSweep();
  expect(await markersOf('2026-11-24')).toEqual([]);
});
