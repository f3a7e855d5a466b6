import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * Danger now shows the emergency card first, also where only a typing error read through tells it; a message over the
 * length limit is read only for danger, in its bounded beginning and end; card actions reach only routes of their kind.
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

/**
 * "The classifier reads typing errors through (spelling.ts) ... before the danger cues and every model see it" (README,
 * The classifier), and the bot loads `content/nlu/real-words.json` for it. test/guidance/spelling.test.ts proves the
 * classifier it builds itself; nothing proved the bot's own. Passing the bot's classifier no real words (src/app.ts)
 * turns typing errors off for every person while every classifier test still passes (audit, stop 32). Over HTTP: a
 * message whose danger only a typing error read through tells ("zelfmood", "knfie") shows the emergency card first.
 */
describe('a message whose danger only a typing error read through tells', () => {
  it.each([
    ['nl-NL', 'ik ga vanavond zelfmood plegen', /Veiligheid eerst/],
    ['en-GB', 'he has a knfie', /Safety first/],
  ])('(%s) "%s" gets the emergency card first', async (locale, text, emergency) => {
    const person = new Conversation(bot, teamsUser(`Tess Tikfout ${locale}`, locale));
    const replies = await person.says(text);
    expect(cardText(replies[0])).toMatch(emergency);
  });

  it('(control) the same words typed right get it too', async () => {
    const person = new Conversation(bot, teamsUser('Tess Goedgetypt', 'nl-NL'));
    const replies = await person.says('ik ga vanavond zelfmoord plegen');
    expect(cardText(replies[0])).toMatch(/Veiligheid eerst/);
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

describe('a short message that normalisation makes longer than the limit (NFKC: U+FDFA is 18 characters, "…" three)', () => {
  const stabbing = 'He is stabbing my colleague with a knife right now!!';

  it.each([
    ['120 ligatures (174 characters as typed, 2,214 as read)', `${'\uFDFA'.repeat(120)} ${stabbing}`],
    ['700 ellipses (753 as typed, 2,153 as read)', `${'…'.repeat(700)} ${stabbing}`],
  ])('%s: its end is read for danger, the emergency card comes first, then "please shorten"', async (_kind, text) => {
    expect(text.length).toBeLessThan(bot.config.maxMessageChars);
    const writer = new Conversation(bot, teamsUser('Ligature Writer', 'en-GB'));
    const replies = await writer.says(text);
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies[1])).toContain('That message is very long');
    expect(replies).toHaveLength(2);
  });

  it('in Dutch: self-harm after the ligatures gets the emergency card with 113', async () => {
    const writer = new Conversation(bot, teamsUser('Ligatuur Schrijver', 'nl-NL'));
    const replies = await writer.says(`${'\uFDFA'.repeat(120)} Ik ga mezelf vanavond van het leven beroven.`);
    expect(cardText(replies[0])).toContain('113');
    expect(cardText(replies[1])).toContain('Dat is een lang bericht');
  });

  it('a message that stays within the limit as read is read whole and answered as usual (the control)', async () => {
    const writer = new Conversation(bot, teamsUser('Ellipsis Writer', 'en-GB'));
    const replies = await writer.says(`${'…'.repeat(300)} ${stabbing}`);
    expect(cardText(replies[0])).toContain('Safety first');
    for (const reply of replies) expect(cardText(reply)).not.toContain('That message is very long');
  });

  it('in the message box of a request for an adviser (at most 500 characters, not the length step): the end is read for danger', async () => {
    const person = teamsUser('Ligature Requester', 'en-GB');
    const { replies } = await requestAdviser(bot, person, { message: `${'\uFDFA'.repeat(120)} ${stabbing}` });
    expect(cardText(replies[0])).toContain('Safety first');
    const own = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(person.aadObjectId));
    expect(own.outcome === 'found' && own.handoffCase.urgent).toBe(true);
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
    return (await requestAdviser(bot, person.user, { message })).replies;
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
