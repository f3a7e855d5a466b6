import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * Safety first, also mid-conversation with an adviser (README, dispatch order, `relay`: "the emergency
 * card first for `now` or `unclear`"): a message whose danger is unclear, written while an adviser has
 * the person's anonymous case, gets the numbers before the "sent to your adviser" notice, since no
 * danger question can be asked there. The message still reaches the adviser.
 */
const adviser = teamsUser('Marloes Dekker', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser);
});
afterAll(async () => {
  await bot.stop();
});

const EMERGENCY = /Safety first|Veiligheid eerst/;
const SENT = /Sent to your adviser|Verstuurd naar je vertrouwenspersoon/;

it.each([
  ['en-GB', 'Robin Relayed', 'A colleague threatened a nurse with a knife'],
  ['nl-NL', 'Sanne Doorgestuurd', 'Een patiënt sloeg mijn collega'],
])('shows the emergency card first for an unclear danger (%s) written to the adviser, then relays it', async (locale, name, text) => {
  const person = teamsUser(name, locale);
  await new Conversation(bot, person).installs();
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  const before = new Conversation(bot, adviser).proactiveCards().length;

  const replies = (await new Conversation(bot, person).says(text)).map(cardText);
  expect(replies[0]).toMatch(EMERGENCY);
  expect(replies.at(-1)).toMatch(SENT);

  await bot.app.outbox.runDueJobs();
  const toAdviser = new Conversation(bot, adviser).proactiveCards().slice(before);
  expect(toAdviser.map((card) => cardText({ card })).join('\n')).toContain(text);
});
