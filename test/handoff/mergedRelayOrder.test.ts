import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Review 2, stop 29 #2: the README promises that what does not fit a minute's merged relay card goes
 * into the next one "in the order written". The cards are separate outbox jobs due at the same
 * moment, each retried on its own: before each ran `after` the one before it, one 503 from Teams on
 * the first card and the adviser read the second card's messages before the first's.
 */
const adviser = teamsUser('Sara Bakker', 'nl-NL');
const requester = teamsUser('Daan Peters', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}`, RELAY_MESSAGES_PER_MINUTE: '10' }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

it('delivers a minute\'s merged cards to the adviser in the order written, also when Teams refuses the first once', async () => {
  const { caseId } = await requestAnonymously(bot, requester, 'I need advice about my manager');
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(1);
  for (let index = 0; index < 10; index += 1) await new Conversation(bot, requester).says(`short note ${index + 1}`);
  await bot.app.outbox.runDueJobs();
  // Six of these fill a merged card: twelve make two.
  const long = (index: number) => `long note ${index} `.padEnd(1990, 'x');
  for (let index = 1; index <= 12; index += 1) await new Conversation(bot, requester).says(long(index));
  const before = new Conversation(bot, adviser).proactiveCards().length;

  bot.connector.failNext(adviser.conversationId, { status: 503 });
  clock.advanceMinutes(1);
  await bot.app.outbox.runDueJobs();
  for (let step = 0; step < 6; step += 1) {
    clock.advanceMinutes(5);
    await bot.app.outbox.runDueJobs();
  }

  const merged = new Conversation(bot, adviser)
    .proactiveCards()
    .slice(before)
    .map((card) => cardText({ card }))
    .filter((text) => text.includes('long note'));
  expect(merged).toHaveLength(2);
  const everything = merged.join('\n');
  const positions = Array.from({ length: 12 }, (_, index) => everything.indexOf(`long note ${index + 1} `));
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  // The adviser reads Dutch: each card says which of the minute's cards it is.
  expect(merged[0]).toContain('kaart 1 van 2');
  expect(merged[1]).toContain('kaart 2 van 2');
});
