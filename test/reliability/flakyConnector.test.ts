import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, requestAnonymously } from '../support/handoffRequests';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import { waitFor } from '../support/waitFor';

/**
 * The load test's shape at a modest size, with a Teams connector that refuses one in twenty of
 * the messages the bot posts on its own: many people confirm requests at once, two advisers
 * must each get every new-case card exactly once, and relayed messages arrive once too.
 * The outbox runs as in production (its own timer, the real clock).
 */
jest.setTimeout(120_000);

const advisers = [teamsUser('Femke Visser', 'nl-NL'), teamsUser('Joost Mulder', 'nl-NL')];
const requesters = Array.from({ length: 30 }, (_, index) => teamsUser(`Flaky Requester ${index + 1}`, 'en-GB'));

let bot: RunningBot;
let proactiveSends = 0;

beforeAll(async () => {
  bot = await startBot(
    {
      LOCAL_ADVISORS: advisers.map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';'),
      OUTBOX_POLL_MS: '100',
      OUTBOX_LEASE_MS: '5000',
      RELAY_MESSAGES_PER_MINUTE: '100',
    },
    { runBackgroundWork: true },
  );
  for (const adviser of advisers) await new Conversation(bot, adviser).installs();
  // Everything that goes into an adviser's chat is posted by the bot on its own.
  const adviserChats = new Set(advisers.map((adviser) => adviser.conversationId));
  bot.connector.failWhen = ({ conversationId }) => adviserChats.has(conversationId) && ++proactiveSends % 20 === 0;
});
afterAll(async () => {
  bot.connector.failWhen = undefined;
  await bot.stop();
});

async function confirm(person: TeamsUser): Promise<string> {
  return (await requestAnonymously(bot, person)).code;
}

/** New-case cards per adviser and code (cards with a Claim button, not later updates). */
function newCaseCards(adviser: TeamsUser): string[] {
  return new Conversation(bot, adviser)
    .proactiveCards()
    .map((card) => JSON.stringify(card))
    .filter((card) => card.includes('case.claim'))
    .map((card) => CASE_CODE.exec(card)?.[0] ?? '');
}

it('delivers every new-case card to every adviser exactly once while 1 in 20 proactive sends fail', async () => {
  const codes = await Promise.all(requesters.map((person, index) => new Promise((resolve) => setTimeout(resolve, index * 20)).then(() => confirm(person))));
  expect(new Set(codes).size).toBe(requesters.length);
  await waitFor(() => advisers.every((adviser) => codes.every((code) => newCaseCards(adviser).includes(code))), 60_000);
  // Room for a duplicate to appear before counting.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const refused = bot.connector.refused.length;
  expect(refused).toBeGreaterThan(0);
  for (const adviser of advisers) {
    const delivered = newCaseCards(adviser);
    for (const code of codes) expect(delivered.filter((found) => found === code)).toHaveLength(1);
  }
  const duplicated = advisers.reduce((sum, adviser) => sum + newCaseCards(adviser).length - new Set(newCaseCards(adviser)).size, 0);
  const lost = advisers.reduce((sum, adviser) => sum + codes.filter((code) => !newCaseCards(adviser).includes(code)).length, 0);
  process.stdout.write(
    `flaky connector: ${codes.length} requests, ${advisers.length} advisers, ${proactiveSends} sends into their chats, ` +
      `${refused} refused with 503, ${lost} lost, ${duplicated} duplicated\n`,
  );
});

it('relays every message exactly once while 1 in 20 proactive sends fail', async () => {
  const pairs = requesters.slice(0, 10);
  for (const [index, person] of pairs.entries()) {
    const own = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(person.aadObjectId));
    if (own.outcome !== 'found') throw new Error('no case');
    await new Conversation(bot, advisers[index % 2]!).executes('case.claim', { caseId: own.handoffCase.id });
  }
  const sent: string[] = [];
  for (const person of pairs) {
    for (let message = 1; message <= 3; message += 1) {
      const text = `${person.name} message ${message} for the adviser`;
      sent.push(text);
      await new Conversation(bot, person).says(text);
    }
  }
  const received = () => advisers.flatMap((adviser) => new Conversation(bot, adviser).proactiveCards().map((card) => cardText({ card })));
  await waitFor(() => sent.every((text) => received().some((card) => card.includes(text))), 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const text of sent) expect(received().filter((card) => card.includes(text))).toHaveLength(1);
});
