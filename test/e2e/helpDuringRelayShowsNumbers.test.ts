import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Final review, stop 30, finding 1 (proof, fails on main): "help" is one of the words that calls for
 * help now (content/danger-answers/en.json, alarmWords), and before this session typing it answered
 * with the menu card, which carries the emergency numbers. Since `commandDuringRelay` (aeb6d7e) a
 * requester whose adviser has their anonymous case who types "help" gets only "Sent to your adviser" and a Menu button: no number at all, while the adviser may
 * not read it for hours. Safety first: whatever the bot answers to "help" must carry the numbers.
 */
const adviser = teamsUser('Rik Nummer', 'nl-NL');
const NUMBERS = /In danger now\? Call|Nu in gevaar\? Bel|Safety first|Veiligheid eerst/;

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

it('a requester with an adviser on their anonymous case who types "help" still sees the emergency numbers', async () => {
  const person = teamsUser('Noor Hulpvraag', 'en-GB');
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();

  const replies = await new Conversation(bot, person).says('help');
  expect(replies.map(cardText).join('\n')).toMatch(NUMBERS);
});

it('(control) the same "help" with no adviser on a case shows the numbers, as it always did', async () => {
  const person = teamsUser('Daan Zonderzaak', 'en-GB');
  const replies = await new Conversation(bot, person).says('help');
  expect(replies.map(cardText).join('\n')).toMatch(NUMBERS);
});
