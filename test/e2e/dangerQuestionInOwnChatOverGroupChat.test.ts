import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { postToBot } from '../support/postToBot';
import { cardSubmitActivity, messageActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "A typed answer to the danger question counts as its button … for that person in that chat" (README). The bot keeps
 * one open question per person: when the same person's guided flow reached the question in a group chat too, that one
 * replaced the question in their own chat, and the "ja" they then typed there got the menu, no emergency card (red
 * team, stop 34 #6). A question in a team channel or group chat no longer replaces one open in the person's own chat;
 * its buttons still answer it, and alone it is still answered by a typed "ja" there.
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = 'Is er op dit moment iemand in direct gevaar';
const EMERGENCY = 'Breng jezelf niet in gevaar';
const SITUATION = 'Mijn collega wordt steeds buitengesloten door het team, wat moet ik doen?';

function inGroupChat<Activity extends { conversation: { tenantId?: string } }>(activity: Activity): Activity {
  return { ...activity, conversation: { conversationType: 'groupChat', isGroup: true, tenantId: activity.conversation.tenantId, id: '19:ward4group@thread.v2' } };
}

async function inGroup(activity: { id: string; conversation: { tenantId?: string } }): Promise<Card[]> {
  const sent = inGroupChat(activity);
  const response = await postToBot(bot, sent);
  expect(response.status).toBe(200);
  return bot.connector.repliesTo(sent.id).map((call) => call.activity.attachments?.[0]?.content as Card);
}

const saysInGroup = (person: TeamsUser, text: string) => inGroup(messageActivity(person, bot.connector.url, text));

it('answers a "ja" typed in the person\'s own chat with the emergency card, after the same question in a group chat', async () => {
  const mira = teamsUser('Mira Twee', 'nl-NL');
  const own = new Conversation(bot, mira);
  const [question] = await own.says(SITUATION);
  expect(cardText(question)).toContain(QUESTION);
  const [groupQuestion] = await saysInGroup(mira, SITUATION);
  expect(cardText({ card: groupQuestion })).toContain(QUESTION);

  const [answer] = await own.says('ja');
  expect(cardText(answer)).toContain(EMERGENCY);

  // The group chat's card still answers with its buttons.
  const yes = allActions(groupQuestion!).find((action) => action.data?.verb === 'flow.answer' && action.data?.answer === 'yes')!;
  const [pressed] = await inGroup(cardSubmitActivity(mira, bot.connector.url, yes.data));
  expect(cardText({ card: pressed })).toContain(EMERGENCY);
});

it('still reads a "ja" typed in a group chat as the answer when no question waits in the person\'s own chat', async () => {
  const tim = teamsUser('Tim Groep', 'nl-NL');
  const [groupQuestion] = await saysInGroup(tim, SITUATION);
  expect(cardText({ card: groupQuestion })).toContain(QUESTION);
  const [answer] = await saysInGroup(tim, 'ja');
  expect(cardText({ card: answer })).toContain(EMERGENCY);
});
