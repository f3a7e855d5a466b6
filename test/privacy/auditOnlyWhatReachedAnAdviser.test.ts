import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * The audit trail answers "who saw my request?" (README, storage table): a row says an adviser was shown the case. A card
 * the bot cannot post at all, because the adviser has no chat with it (never installed it, or said "forget me"), shows
 * nobody anything. Before, each such card left a `cardReceived` row, again at every retry of the job, and a requester's
 * message that could not reach a claimer without a chat a `messageReceived` row: the privacy officer would have named
 * an adviser who never saw the request. A chat Teams refuses for good (403, 404: the adviser removed or blocked the bot)
 * still has an address, so the row goes first as for any post (a crash between them leaves no unrecorded read), and a
 * `notDelivered` row follows it: before (final review, stop 34 #13), the trail said they got the message and the card.
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
/** In the advisers' group, but has never opened the bot: there is no chat to post her cards in. */
const sanne = teamsUser('Sanne de Boer', 'nl-NL');
const requester = teamsUser('Daan Kok', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${femke.aadObjectId}:${femke.name};${sanne.aadObjectId}:${sanne.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, femke).installs();
});
afterAll(async () => {
  await bot?.stop();
});

const rowsOf = async (code: string, adviser: TeamsUser) => {
  const key = bot.app.services.personKeys.adviserKeyFor(adviser.aadObjectId);
  return (await bot.app.audit.forCase(code)).filter((entry) => entry.actor === key).map((entry) => entry.action);
};

it('records a case card only for the adviser it was posted to', async () => {
  const { code } = await requestAdviser(bot, requester, { mode: 'anonymous', message: 'My supervisor comments on my clothes' });
  await bot.app.outbox.runDueJobs();
  expect(await rowsOf(code, femke)).toEqual(['cardReceived']);
  expect(await rowsOf(code, sanne)).toEqual([]);
});

it('records no message as received by a claimer who said "forget me": the message waits for the next adviser', async () => {
  const noor = teamsUser('Noor Hamdi', 'en-GB');
  await new Conversation(bot, sanne).installs();
  const { caseId, code } = await requestAdviser(bot, noor, { mode: 'anonymous', message: 'It happened again at the ward' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, sanne).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, sanne).submits({ verb: 'forget.confirm' });

  await new Conversation(bot, noor).says('Are you there?');
  await bot.app.outbox.runDueJobs();
  expect((await bot.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status).toBe('notified');
  expect(await rowsOf(code, sanne)).toEqual(['cardReceived', 'claimed', 'released']);
});

it.each([403, 404])('records a refusal after each read Teams refused with %i for a claimer who removed or blocked the bot: "who saw my request?" does not count them', async (status) => {
  const adviser = teamsUser(`Joost Bakker ${status}`, 'nl-NL');
  const blocking = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  try {
    await new Conversation(blocking, adviser).installs();
    const { caseId, code } = await requestAdviser(blocking, requester, { mode: 'anonymous', message: 'My supervisor comments on my clothes' });
    await blocking.app.outbox.runDueJobs();
    await new Conversation(blocking, adviser).executes('case.claim', { caseId });
    await blocking.app.outbox.runDueJobs();

    // Removed or blocked: Teams refuses every message into the chat, and every card drawn again in it.
    blocking.connector.failNext(adviser.conversationId, ...Array.from({ length: 30 }, () => ({ status })));
    await new Conversation(blocking, requester).says('Are you there?');
    await blocking.app.outbox.runDueJobs();
    await blocking.app.outbox.runDueJobs();

    expect((await blocking.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status).toBe('notified');
    const key = blocking.app.services.personKeys.adviserKeyFor(adviser.aadObjectId);
    const rows = (await blocking.app.audit.forCase(code)).filter((entry) => entry.actor === key).map((entry) => entry.action);
    expect(rows).toEqual(['cardReceived', 'claimed', 'messageReceived', 'notDelivered', 'released', 'cardReceived', 'notDelivered']);
  } finally {
    await blocking.stop();
  }
});
