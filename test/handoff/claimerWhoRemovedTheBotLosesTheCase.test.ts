import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser, sendRequestValue } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * README, "An adviser who can no longer handle a case loses it": also when the bot has no chat to reach them. An adviser
 * who removed or blocked the bot still has a chat address, but Teams refuses every message into it for good (403, 404).
 * Before, a claim stayed with them: each message of the requester came back "could not be delivered" and the case
 * stayed claimed for the 44 days of the inactivity limits; a request made urgent while they had it told nobody at all.
 * Now it goes back to the pool, as for an adviser who said "forget me", and what the requester wrote waits for the next.
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const ahmed = teamsUser('Ahmed Yilmaz', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${femke.aadObjectId}:${femke.name};${ahmed.aadObjectId}:${ahmed.name}` }, { clock, runBackgroundWork: false });
  for (const adviser of [femke, ahmed]) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

const deliver = () => bot.app.outbox.runDueJobs();
const statusOf = async (caseId: string) => (await bot.app.store.get<{ status: string; claimedBy: { userId: string } | null }>('cases', 'case', caseId))?.value;
const textsTo = (person: TeamsUser) => new Conversation(bot, person).proactiveCards().map((card) => cardText({ card }));
/** Teams refuses every message into this chat: the adviser removed or blocked the bot. */
const removesTheBot = (person: TeamsUser, status: number) => bot.connector.failNext(person.conversationId, ...Array.from({ length: 30 }, () => ({ status })));

it.each([403, 404])('gives the case back to the pool when Teams refuses the claimer\'s chat with %i, and the message waits for the next adviser', async (status) => {
  const requester = teamsUser(`Tess ${status}`, 'en-GB');
  const { caseId, code } = await requestAdviser(bot, requester, { mode: 'anonymous', message: 'My supervisor comments on my clothes' });
  await deliver();
  await new Conversation(bot, femke).executes('case.claim', { caseId });
  await deliver();

  removesTheBot(femke, status);
  const message = `Are you still there? (${status})`;
  await new Conversation(bot, requester).says(message);
  await deliver();
  // The release's own messages: the requester told, the pool's cards drawn again.
  await deliver();
  expect(await statusOf(caseId)).toMatchObject({ status: 'notified', claimedBy: null });
  expect(textsTo(requester).some((text) => text.includes(en['handoff.advisorLeft.text'].replace('{code}', code)))).toBe(true);
  expect(textsTo(requester).some((text) => text.includes('could not be delivered'))).toBe(false);

  await new Conversation(bot, ahmed).executes('case.claim', { caseId });
  clock.advanceMinutes(10);
  await deliver();
  expect(textsTo(ahmed).filter((text) => text.includes(message))).toHaveLength(1);
  await new Conversation(bot, ahmed).executes('case.release', { caseId });
  await deliver();
});

it('gives an urgent request back to the pool when its claimer removed the bot, and the pool is told it is urgent', async () => {
  const requester = teamsUser('Noor Hamdi', 'en-GB');
  const { caseId, code, sendRequest } = await requestAdviser(bot, requester, { mode: 'anonymous', message: 'My team lead makes jokes about my accent' });
  await deliver();
  await new Conversation(bot, femke).executes('case.claim', { caseId });
  await deliver();

  removesTheBot(femke, 403);
  // "Send request" again on the consent card with urgent ticked: no words, the open request becomes urgent.
  await new Conversation(bot, requester).submits(sendRequestValue(sendRequest, { mode: 'anonymous', urgent: true }));
  await deliver();
  await deliver();
  expect(await statusOf(caseId)).toMatchObject({ status: 'notified', urgent: true, claimedBy: null });
  // Ahmed's card for it, drawn again in place: urgent, and his to claim.
  const ahmedsCard = bot.connector.calls
    .filter((call) => call.conversationId === ahmed.conversationId)
    .map((call) => cardText({ card: call.activity.attachments?.[0]?.content }))
    .filter((text) => text.includes(code))
    .at(-1);
  expect(ahmedsCard).toContain(nl['advisor.urgentBadge']);
  expect(ahmedsCard).toContain(nl['advisor.claim']);
});
