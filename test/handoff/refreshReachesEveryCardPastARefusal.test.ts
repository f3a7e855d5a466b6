import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * Every adviser's card of a case follows each change of it (README, "What an adviser sees"), each on its own as the new
 * case cards are: one adviser who removed or blocked the bot (Teams answers 403 for their chat) must not keep the others'
 * cards as they were. Before, the redraw stopped at that adviser's card and failed for good: the colleagues after them
 * kept a Claim button on a cancelled request, and after "forget me" the request's words.
 */
jest.setTimeout(60_000);

const advisers = [teamsUser('Femke Visser', 'nl-NL'), teamsUser('Sanne de Boer', 'nl-NL'), teamsUser('Grace Miller', 'en-GB')] as const;
const requester = teamsUser('Daan Kok', 'en-GB');
const MESSAGE = 'My supervisor comments on my clothes';
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot(
    { LOCAL_ADVISORS: advisers.map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';') },
    { clock: new TestClock('2026-11-24T09:00:00Z'), runBackgroundWork: false },
  );
  for (const adviser of advisers) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

/** The card records are read in the order of their adviser keys: the first one refused stands before the others. */
const inRecordOrder = () =>
  [...advisers].sort((a, b) => bot.app.services.personKeys.adviserKeyFor(a.aadObjectId).localeCompare(bot.app.services.personKeys.adviserKeyFor(b.aadObjectId)));
const lastUpdateTo = (person: TeamsUser) =>
  cardText({ card: bot.connector.calls.filter((call) => call.method === 'PUT' && call.conversationId === person.conversationId).at(-1)?.activity.attachments?.[0]?.content });

it("draws a cancel, then the code only after forget me, on the other advisers' cards when the first of them removed the bot", async () => {
  const { caseId } = await requestAdviser(bot, requester, { mode: 'anonymous', message: MESSAGE });
  await bot.app.outbox.runDueJobs();
  const [blocked, ...others] = inRecordOrder() as [TeamsUser, ...TeamsUser[]];
  bot.connector.failNext(blocked.conversationId, ...Array.from({ length: 10 }, () => ({ status: 403 })));

  await new Conversation(bot, requester).submits({ verb: 'handoff.cancel', caseId });
  await bot.app.outbox.runDueJobs();

  for (const adviser of others) {
    const strings = adviser.locale.startsWith('nl') ? nl : en;
    expect(lastUpdateTo(adviser)).toContain(strings['advisor.status.cancelled']);
  }
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);

  // "Forget me": the request is deleted, and every card of it that the bot can still reach keeps its code only.
  await new Conversation(bot, requester).submits({ verb: 'forget.confirm' });
  await bot.app.outbox.runDueJobs();
  for (const adviser of others) expect(lastUpdateTo(adviser)).not.toContain(MESSAGE);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  expect(bot.logs.filter((line) => line.includes('caseCardRedraw'))).toHaveLength(2);
});
