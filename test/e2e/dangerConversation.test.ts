import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { CASE_CODE } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * Danger now shows the emergency card first; a message over the length limit is read only for
 * danger, in its bounded beginning and end; card actions reach only routes of their kind.
 * (An unclear danger level: test/e2e/unclearDangerConversation.test.ts.)
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe('a message about danger now', () => {
  it('keeps showing the emergency card first, then the guided flow without the danger question', async () => {
    const rik = new Conversation(bot, teamsUser('Rik van Dam', 'en-GB'));
    const replies = await rik.says('someone is threatening a colleague with a knife right now');
    expect(cardText(replies[0])).toContain('Safety first');
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies.slice(1)) expect(cardText(reply)).not.toContain('Is anyone in immediate danger');
  });
});

describe('a message of 240 KB', () => {
  const KB240 = 240 * 1024;

  it('is answered with "please shorten" while /healthz keeps answering', async () => {
    const writer = new Conversation(bot, teamsUser('Crafted Writer', 'en-GB'));
    // One anchor word repeated: the kind of text that made patterns backtrack over the whole message.
    const turn = writer.says('now '.repeat(KB240 / 4));
    const health = fetch(`${bot.baseUrl}/healthz`);
    const [replies, healthz] = await Promise.all([turn, health]);
    expect(healthz.status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toContain('That message is very long');
  });

  it('still shows the emergency card first when its beginning tells of danger now', async () => {
    const writer = new Conversation(bot, teamsUser('Long Alarm', 'en-GB'));
    const text = `Someone is threatening a colleague with a knife right now. ${'a'.repeat(KB240 - 60)}`;
    const [replies, healthz] = await Promise.all([writer.says(text), fetch(`${bot.baseUrl}/healthz`)]);
    expect(healthz.status).toBe(200);
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies[1])).toContain('That message is very long');
  });
});

describe('card actions reach only routes of their kind', () => {
  it.each([
    ['a typed-text route sent as a button', { verb: 'insights.summary' }],
    ['an adviser-card action sent as a button', { verb: 'case.claim', caseId: '0123456789abcdef0123456789abcdef' }],
  ])('refuses %s with the expired-card notice', async (_kind, value) => {
    const mallory = new Conversation(bot, teamsUser('Forging Client', 'en-GB'));
    const replies = await mallory.submits(value);
    expect(cardText(replies[0])).toContain('This button no longer works');
  });
});

describe('danger written in the message box of a request for an adviser', () => {
  async function sendRequest(person: Conversation, message: string) {
    const [consent] = await person.says('talk');
    const send = allActions(consent.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data;
    return person.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message });
  }

  it('shows the emergency card before the confirmation, and the request goes out as urgent', async () => {
    const person = new Conversation(bot, teamsUser('Sara Bakker', 'en-GB'));
    const replies = await sendRequest(person, 'He is hitting me right now and I am scared he will hurt me');
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies.at(-1))).toMatch(CASE_CODE);
    const own = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(person.user.aadObjectId));
    expect(own.outcome === 'found' && own.handoffCase.urgent).toBe(true);
  });

  it('shows only the confirmation for a calm message (the control)', async () => {
    const person = new Conversation(bot, teamsUser('Tim Calm', 'en-GB'));
    const replies = await sendRequest(person, 'I would like to talk about a remark in a meeting last month');
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toMatch(CASE_CODE);
    expect(cardText(replies[0])).not.toContain('Safety first');
  });
});
