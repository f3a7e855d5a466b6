import { buildInsightsReport } from '../../src/insights/insightsReport';
import { SEALED_KEYS_PARTITION } from '../../src/insights/weekTagKeys';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team 2, stop 33, finding 7. The disclosure rule: "Figures exist only for fixed, non-overlapping periods
 * shared by the Teams card and every report: whole, closed ISO weeks … so a week has the same figures
 * everywhere" (README, Programme insights), and "forget me" tells the person "The anonymous figures
 * stay". A week is published from its Tuesday, but its tag key lives until a week after it ended, and
 * "forget me" takes the person's tags out of every week whose key exists. A cell of exactly five people,
 * shown as "5" on Tuesday, shows "<5" once one of them says "forget me" on Wednesday: the figures of a
 * closed week change, and the programme lead who compares the two cards learns that one of the five
 * people behind that cell (a topic, a perspective, requests for the research integrity counsellor)
 * asked to be forgotten. Now "forget me" seals a published week at once (its tags become capped
 * counts, its key is deleted): the figures stay as published, and the person's link to them goes.
 */
const clock = new TestClock('2026-11-10T09:00:00Z'); // Tuesday of ISO week 2026-W46
const people = ['Anna Jansen', 'Bram de Vries', 'Chris Bakker', 'Daan Smit', 'Eva Meijer'].map((name) => teamsUser(name, 'en-GB'));
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

const reportOfWeek46 = () => buildInsightsReport(bot.app.store, { from: '2026-11-09', to: '2026-11-15', now: clock.now() });
const week46 = async () => (await reportOfWeek46()).weeks.find((week) => week.week === '2026-W46')!;
const rowKeysOf = async (partition: string) => (await bot.app.store.listPartition('insights', partition)).map((row) => row.rowKey);

it('keeps the figures of a closed, published week when one of its people says "forget me"', async () => {
  for (const person of people) await new Conversation(bot, person).says('hello');
  await bot.app.flushInsights();

  // The next Tuesday: week 46 has closed and is published.
  clock.advanceDays(7);
  const published = await week46();
  expect(published.counts['intent:help']).toBe(5);

  // Wednesday: one of the five asks to be forgotten.
  clock.advanceDays(1);
  const eva = new Conversation(bot, people[4]!);
  await eva.says('forget me');
  await eva.clicks('Yes, forget me');
  await bot.app.flushInsights();

  const later = await week46();
  expect(later.counts['intent:help']).toBe(published.counts['intent:help']);
  expect(later.counts).toEqual(published.counts);
  expect(later).toEqual(published);

  // Her link to those figures goes with everyone's: no key of week 46 is left to tie a tag to her
  // person key, and the week holds only its counts row (no tags, no forgotten row).
  expect(await rowKeysOf(SEALED_KEYS_PARTITION)).not.toContain('2026-W46');
  expect(await rowKeysOf('2026-W46')).toEqual(['counts']);

  // And the week reads the same in every later report.
  clock.advanceDays(14);
  await bot.app.flushInsights();
  expect(await week46()).toEqual(published);
});
