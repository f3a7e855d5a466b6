import { startBotWithLocalAdvisers, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * The relay is a conversation: each side reads the other's messages in the order they were written, also when Teams
 * refuses one of them for a while (429 with Retry-After, 503) and when they waited for the next adviser. Each relayed
 * message is an outbox job retried on its own, and a relay card carries no time: before, a message Teams throttled for
 * 30 seconds reached the adviser after the one written 10 seconds later ("He hit her." after "Sorry, I meant he shouted
 * at her."), and messages held while a case waited for a colleague came in the order their retries fell due.
 */
jest.setTimeout(60_000);

const sarah = teamsUser('Sarah Bakker', 'nl-NL');
const ahmed = teamsUser('Ahmed Yilmaz', 'nl-NL');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBotWithLocalAdvisers([sarah, ahmed], { clock });
});
afterAll(async () => {
  await bot?.stop();
});

const deliver = () => bot.app.outbox.runDueJobs();
const seconds = (count: number) => clock.advanceMinutes(count / 60);
/** The relayed texts in a person's chat, in the order the connector received them. */
const relayedTo = (person: TeamsUser, texts: readonly string[]) =>
  new Conversation(bot, person)
    .proactiveCards()
    .map((card) => cardText({ card }))
    .flatMap((text) => texts.filter((relayed) => text.includes(relayed)));

async function claimedCase(requester: TeamsUser): Promise<string> {
  const { caseId } = await requestAnonymously(bot, requester, 'Something happened at the ward meeting');
  await deliver();
  await new Conversation(bot, sarah).executes('case.claim', { caseId });
  await deliver();
  return caseId;
}

it("gives the adviser the requester's messages in the order written when Teams throttles the first", async () => {
  const requester = teamsUser('Tess van Leeuwen', 'en-GB');
  await claimedCase(requester);
  const texts = ['He hit her in the corridor.', 'Sorry, I meant he shouted at her, he did not hit her.'];

  bot.connector.failNext(sarah.conversationId, { status: 429, retryAfterSeconds: 30 });
  await new Conversation(bot, requester).says(texts[0]!);
  await deliver();
  seconds(10);
  await new Conversation(bot, requester).says(texts[1]!);
  await deliver();
  seconds(30);
  await deliver();

  expect(relayedTo(sarah, texts)).toEqual(texts);
});

it("gives the requester the adviser's replies in the order written when Teams refuses the first for a while", async () => {
  const requester = teamsUser('Daan Vos', 'en-GB');
  const caseId = await claimedCase(requester);
  const texts = ['Can you tell me which day it happened?', 'Take your time, there is no hurry.'];

  bot.connector.failNext(requester.conversationId, { status: 503 }, { status: 503 }, { status: 429, retryAfterSeconds: 60 });
  await new Conversation(bot, sarah).executes('case.reply', { caseId, reply: texts[0] });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await deliver();
    seconds(5);
  }
  await new Conversation(bot, sarah).executes('case.reply', { caseId, reply: texts[1] });
  await deliver();
  seconds(60);
  await deliver();

  expect(relayedTo(requester, texts)).toEqual(texts);
});

it('gives the next adviser the messages written while the case waited for them in the order written', async () => {
  const requester = teamsUser('Noor Hamdi', 'en-GB');
  const caseId = await claimedCase(requester);
  await new Conversation(bot, sarah).executes('case.release', { caseId });
  await deliver();
  const texts = ['It started in September.', 'It happens every week now.'];

  await new Conversation(bot, requester).says(texts[0]!);
  // The first message waits for an adviser, retried further apart each time.
  await deliver();
  for (let attempt = 1; attempt < 8; attempt += 1) {
    clock.advanceMinutes(3);
    await deliver();
  }
  await new Conversation(bot, requester).says(texts[1]!);
  await new Conversation(bot, ahmed).executes('case.claim', { caseId });
  await deliver();
  clock.advanceMinutes(10);
  await deliver();

  expect(relayedTo(ahmed, texts)).toEqual(texts);
});
