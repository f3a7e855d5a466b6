import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Safety first for a bare call for help outside an adviser relay: someone who types only "112", "SOS!!", "politie" or
 * "help help" to the bot may be in danger, and got the menu with its emergency line at the bottom. A message of nothing
 * but the alarm words of content/danger-answers now gets the danger question, every number and call button above it (the
 * `unclear` route), and nothing else: yes shows the emergency card, no the menu. A single bare menu word ("help", "Hulp?",
 * "menu") still asks for the menu.
 * During a relay the same words get the emergency card first (helpDuringRelayShowsNumbers.test.ts).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = { en: 'Is anyone in immediate danger right now', nl: 'Is er op dit moment iemand in direct gevaar' };
const EMERGENCY = /Safety first|Veiligheid eerst/;
const WELCOME = /Saw or experienced something that was not OK\?|Iets gezien of meegemaakt dat niet oké was\?/;

function callButtons(reply: BotReply | undefined): string[] {
  return reply?.card ? allActions(reply.card).filter((action) => String(action.url ?? '').startsWith('tel:')).map((action) => action.url) : [];
}

describe('a message of nothing but words that call for help, with no adviser on a case', () => {
  it.each([
    ['112', 'nl-NL', QUESTION.nl],
    ['112', 'en-GB', QUESTION.en],
    ['SOS!!', 'en-GB', QUESTION.en],
    ['politie', 'nl-NL', QUESTION.nl],
    ['police!', 'en-GB', QUESTION.en],
    ['help help', 'en-GB', QUESTION.en],
    ['hulp hulp!', 'nl-NL', QUESTION.nl],
  ])('"%s" (%s) gets the danger question, the numbers and call buttons above it, and nothing else', async (text, locale, question) => {
    const person = new Conversation(bot, teamsUser(`Sanne Alarm ${text} ${locale}`, locale));
    const replies = await person.says(text);
    const first = cardText(replies[0]);
    expect(first).toContain(question);
    expect(first.indexOf('112')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('112')).toBeLessThan(first.indexOf(question));
    expect(callButtons(replies[0])).toEqual(expect.arrayContaining(['tel:112']));
    // The question stays the newest card, numbers on screen: no menu pushes it up.
    expect(replies).toHaveLength(1);
  });

  it.each([
    ['en-GB', 'Yes, there is danger now'],
    ['nl-NL', 'Ja, er is nu gevaar'],
  ])('shows the emergency card when the question it raised is answered yes (%s)', async (locale, yes) => {
    const person = new Conversation(bot, teamsUser(`Bram Alarm ${locale}`, locale));
    await person.says('SOS');
    const [emergency] = await person.clicks(yes);
    expect(cardText(emergency)).toMatch(EMERGENCY);
    expect(callButtons(emergency)).toEqual(expect.arrayContaining(['tel:112']));
  });

  it.each([
    ['help', 'en-GB'],
    ['help?', 'en-GB'],
    ['Hulp?', 'nl-NL'],
    ['hulp', 'nl-NL'],
    ['menu', 'en-GB'],
    ['menu', 'nl-NL'],
  ])('a single bare menu word "%s" (%s) still gets the menu, without the question', async (text, locale) => {
    const person = new Conversation(bot, teamsUser(`Mila Menu ${text} ${locale}`, locale));
    const replies = await person.says(text);
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toMatch(WELCOME);
    expect(cardText(replies[0])).not.toContain(QUESTION.en);
    expect(cardText(replies[0])).not.toContain(QUESTION.nl);
  });

  it.each([
    ['en-GB', 'help help', 'No, not right now'],
    ['nl-NL', '112', 'Nee, nu niet'],
  ])('shows the menu when the question it raised is answered no (%s), pressed or typed', async (locale, text, no) => {
    const pressed = new Conversation(bot, teamsUser(`Noor Nee ${locale}`, locale));
    await pressed.says(text);
    const afterPress = await pressed.clicks(no);
    expect(afterPress).toHaveLength(1);
    expect(cardText(afterPress[0])).toMatch(WELCOME);
    expect(cardText(afterPress[0])).not.toMatch(EMERGENCY);

    const typed = new Conversation(bot, teamsUser(`Noor Getypt ${locale}`, locale));
    await typed.says(text);
    const afterTyped = await typed.says(locale === 'nl-NL' ? 'nee' : 'no');
    expect(afterTyped).toHaveLength(1);
    expect(cardText(afterTyped[0])).toMatch(WELCOME);
    // Answered: the question is closed.
    expect(await bot.app.store.get('dangerQuestions', 'person', bot.app.services.personKeys.keyFor(typed.user.aadObjectId))).toBeUndefined();
  });

  it('(control) a question that mentions help is no call for it', async () => {
    const person = new Conversation(bot, teamsUser('Sam Vraagt', 'en-GB'));
    const replies = await person.says('Can you help me find the code of conduct?');
    expect(replies.map(cardText).join('\n')).not.toContain(QUESTION.en);
  });

  it.each([
    ['en-GB', 'A colleague threatened a nurse with a knife'],
    ['nl-NL', 'Een patiënt sloeg mijn collega'],
  ])('"112" typed while a danger question is open is a yes: the emergency card first (%s)', async (locale, unclear) => {
    const person = new Conversation(bot, teamsUser(`Joris Open ${locale}`, locale));
    const [question] = await person.says(unclear);
    expect(cardText(question)).toMatch(new RegExp(`${QUESTION.en}|${QUESTION.nl}`));
    const replies = await person.says('112');
    expect(cardText(replies[0])).toMatch(EMERGENCY);
    // Answered, as the Yes button answers: no second danger question.
    expect(replies.map(cardText).join('\n')).not.toMatch(new RegExp(`${QUESTION.en}|${QUESTION.nl}`));
  });
});
