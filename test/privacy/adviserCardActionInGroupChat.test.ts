import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { postToBot } from '../support/postToBot';
import { adaptiveCardActionInvoke, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * An adviser's card button pressed in a group chat (where the card may have been copied, or a meeting's chat) is answered
 * in that chat, read by everyone in it: the bot says it answers that only in the personal chat, shows nothing of the case
 * and does nothing with it. Before, the answer was the presser's full case card (the request's words, for anyone there).
 */
const MESSAGE = 'Mijn teamleider stuurt me elke avond berichten over mijn uiterlijk';
let bot: RunningBot;
const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser;${joost.aadObjectId}:Joost Mulder` }, { runBackgroundWork: false });
  for (const adviser of [femke, joost]) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

async function pressInGroupChat(adviser: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Card | undefined> {
  const invoke = adaptiveCardActionInvoke(adviser, bot.connector.url, verb, data);
  const inGroupChat = { ...invoke, conversation: { conversationType: 'groupChat', isGroup: true, tenantId: invoke.conversation.tenantId, id: '19:afdelingsoverleg@thread.v2' } };
  const response = await postToBot(bot, inGroupChat);
  expect(response.status).toBe(200);
  return ((await response.json()) as { value?: Card }).value;
}

it.each(['case.refresh', 'case.claim'])('answers %s pressed in a group chat with "only in your personal chat", nothing of the case', async (verb) => {
  const { caseId, code } = await requestAnonymously(bot, teamsUser(`Aanvrager ${verb}`, 'en-GB'), MESSAGE);
  const answered = await pressInGroupChat(femke, verb, { caseId });
  expect(cardText({ card: answered })).toContain('Alleen in je persoonlijke chat');
  for (const shown of [MESSAGE, code, caseId]) expect(JSON.stringify(answered)).not.toContain(shown);
  // Nothing was done: the case still waits, and a colleague can claim it from their own chat.
  const claimed = await new Conversation(bot, joost).executes('case.claim', { caseId });
  expect(cardText({ card: claimed })).toContain(MESSAGE);
  expect(cardText({ card: claimed })).not.toContain('collega');
});
