import fs from 'node:fs';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { contentWithPoolChannel, pressInPoolChannel } from '../support/poolChannel';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * An adviser who claims a request from the pool's channel without ever having opened a personal chat with the bot still
 * gets the conversation: the bot opens a personal chat with them at the claim (Teams allows it for a member of a team the
 * bot is in), keeps its address, and relays the requester's messages there. Before, the bot had no chat to reach them,
 * and the requester's first message took the case away from them ("the adviser is no longer available").
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const ilse = teamsUser('Ilse Kramer', 'nl-NL');
const clock = new TestClock('2026-11-24T09:30:00Z');
let bot: RunningBot;
let contentDir = '';

beforeAll(async () => {
  contentDir = contentWithPoolChannel();
  bot = await startBot(
    { CONTENT_DIR: contentDir, LOCAL_ADVISORS: [femke, joost, ilse].map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';') },
    { clock, runBackgroundWork: false },
  );
  // Joost installed the bot; Femke and Ilse only ever see the pool's channel.
  await new Conversation(bot, joost).installs();
});
afterAll(async () => {
  await bot?.stop();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

const deliver = () => bot.app.outbox.runDueJobs();

const pressInChannel = (adviser: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Card | undefined> =>
  pressInPoolChannel(bot, adviser, 'thread-1', verb, data);

it("relays the requester's messages to an adviser who claimed from the channel without a personal chat, in one the bot opened", async () => {
  // Teams answers the bot's request for a chat with Femke with her one personal chat.
  bot.connector.personalChats.set(femke.id, femke.conversationId);
  const requester = teamsUser('Lotte van Dijk', 'en-GB');
  const { caseId, code } = await requestAnonymously(bot, requester, 'My supervisor keeps commenting on my body');
  await deliver();
  expect(new Conversation(bot, femke).proactiveCards()).toHaveLength(0);

  const answered = await pressInChannel(femke, 'case.claim', { caseId });
  expect(cardText({ card: answered })).toContain('Opgepakt door een collega');
  await deliver();
  expect(bot.connector.createdConversations.map((created) => created.memberId)).toEqual([femke.id]);

  const message = 'Thank you for taking this. It happened again this morning.';
  await new Conversation(bot, requester).says(message);
  await deliver();
  const femkeSees = new Conversation(bot, femke).proactiveCards().map((card) => cardText({ card }));
  expect(femkeSees.some((text) => text.includes(message) && text.includes(code))).toBe(true);
  // The case stays hers: no colleague is asked to take it, the requester is not told their adviser left.
  expect(new Conversation(bot, joost).proactiveCards().some((card) => cardText({ card }).includes(message))).toBe(false);
  const requesterSees = new Conversation(bot, requester).proactiveCards().map((card) => cardText({ card })).join('\n');
  expect(requesterSees).not.toContain('no longer available');
});

it("keeps an adviser's own notice off the channel card: a hand-over pressed there does not name the colleague", async () => {
  const requester = teamsUser('Fenna Bos', 'en-GB');
  const { caseId } = await requestAnonymously(bot, requester, 'My manager shares my sick leave details with the team');
  await deliver();
  await pressInChannel(femke, 'case.claim', { caseId });
  const answered = await pressInChannel(femke, 'case.handOver', { caseId, handOverTo: joost.aadObjectId });
  expect(cardText({ card: answered })).toContain('Opgepakt door een collega');
  expect(JSON.stringify(answered)).not.toContain('Joost');
});

it('leaves the request with the pool when Teams will not open a chat with the adviser, and says so on the card', async () => {
  const requester = teamsUser('Sem de Wit', 'en-GB');
  const { caseId } = await requestAnonymously(bot, requester, 'Someone in my team keeps taking credit for my work');
  await deliver();

  bot.connector.newChatRefusal = 403;
  const answered = await pressInChannel(ilse, 'case.claim', { caseId });
  bot.connector.newChatRefusal = undefined;
  expect(cardText({ card: answered })).toContain('persoonlijke chat');
  expect(cardText({ card: answered })).not.toContain('Opgepakt door een collega');
  // The whole channel reads the card: the notice speaks of whoever pressed, not to "you" (final review stop 34 #3).
  expect(cardText({ card: answered })).toContain('voor wie net op Oppakken drukte');
  expect(cardText({ card: answered })).not.toMatch(/\b(je|jij|jouw)\b/i);
  // Nobody has it yet: a colleague claims it from their own chat, and the requester was not told an adviser joined.
  const claimed = await new Conversation(bot, joost).executes('case.claim', { caseId });
  expect(cardText({ card: claimed })).toContain('Someone in my team keeps taking credit for my work');
  expect(cardText({ card: claimed })).not.toContain('collega');
});

it('leaves the request with the pool when Teams is slow to open a chat with the adviser: the claim is answered in time', async () => {
  const requester = teamsUser('Bram Visser', 'en-GB');
  const { caseId } = await requestAnonymously(bot, requester, 'My team lead reads my private messages');
  await deliver();

  // Teams wants an invoke answered within about five seconds; the connector's own limit (15 s) would keep the card waiting.
  bot.connector.delayMs = 5_000;
  const answered = await pressInChannel(ilse, 'case.claim', { caseId });
  bot.connector.delayMs = 0;
  expect(cardText({ card: answered })).toContain('persoonlijke chat');
  expect(cardText({ card: answered })).not.toContain('Opgepakt door een collega');
  expect((await bot.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status).toBe('notified');
});

it('opens no second chat for an adviser the bot can already reach', async () => {
  const requester = teamsUser('Noor Hamdi', 'en-GB');
  const { caseId } = await requestAnonymously(bot, requester, 'A colleague keeps shouting at me in the corridor');
  await deliver();
  const before = bot.connector.createdConversations.length;
  await pressInChannel(joost, 'case.claim', { caseId });
  await pressInChannel(femke, 'case.refresh', { caseId });
  expect(bot.connector.createdConversations.length).toBe(before);
});
