import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Safety first, also mid-conversation with an adviser: a bare word that calls for help ("help", "hulp", "112", "SOS",
 * "politie!", content/danger-answers alarmWords) reads as no danger to the classifier, and since command words go to the
 * adviser during an anonymous case, "help" no longer got the menu, which carries the numbers. Whoever types such a word to
 * their adviser gets the emergency card first, as for `unclear` danger, and the words still reach the adviser.
 */
const adviser = teamsUser('Rik Nummer', 'nl-NL');
const NUMBERS = /In danger now\? Call|Nu in gevaar\? Bel|Safety first|Veiligheid eerst/;
const EMERGENCY = /Safety first|Veiligheid eerst/;

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');

beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

it.each([
  ['help', 'en-GB'],
  ['hulp', 'nl-NL'],
  ['112', 'nl-NL'],
  ['SOS!', 'en-GB'],
  ['politie!', 'nl-NL'],
])('a requester with an adviser on their anonymous case who types "%s" gets the emergency card first', async (word, locale) => {
  const person = teamsUser(`Noor Hulpvraag ${word}`, locale);
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();

  const before = new Conversation(bot, adviser).proactiveCards().length;
  const replies = await new Conversation(bot, person).says(word);
  expect(cardText(replies[0])).toMatch(EMERGENCY);
  await bot.app.outbox.runDueJobs();
  expect(new Conversation(bot, adviser).proactiveCards().slice(before).map((card) => cardText({ card })).join('\n')).toContain(word);
});

it('does not treat a message that only mentions help as a call for it', async () => {
  const person = teamsUser('Sam Vraagt', 'en-GB');
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();

  const replies = await new Conversation(bot, person).says('Could you help me understand the reporting procedure?');
  expect(replies.map(cardText).join('\n')).not.toMatch(EMERGENCY);
});

it('(control) the same "help" with no adviser on a case shows the numbers, as it always did', async () => {
  const person = teamsUser('Daan Zonderzaak', 'en-GB');
  const replies = await new Conversation(bot, person).says('help');
  expect(replies.map(cardText).join('\n')).toMatch(NUMBERS);
});
