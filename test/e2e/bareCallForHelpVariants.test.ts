import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 31, finding 1 (fixed: readAsCallForHelp reads the words as typed in a hurry; this file moved here from
 * test/redteam/). A bare call for help outside a relay got the danger question first only when every word, after
 * `?!.,;:` were taken out, was one of content/danger-answers' alarm words. The forms people
 * type in a hurry on a phone miss it and get the plain menu, the emergency line at its bottom: "help me!!", "bel 112"
 * (Dutch for "call 112"), the SOS emoji, "S.O.S.", an ellipsis typed as one character, a "please" or "nu" after the
 * alarm word, a prayer emoji, digits from a phone's full-width keyboard. PRODUCT.md: "Anything that may be urgent shows
 * the emergency route first. Recall beats precision here." Each of these should get the danger question, numbers first,
 * as "112" and "SOS!!" do (test/e2e/bareCallForHelp.test.ts); a single bare menu word ("help", "Hulp?") stays the menu.
 * The same rule decides the emergency card during an adviser relay (helpDuringRelayShowsNumbers.test.ts): there these
 * forms are relayed with no numbers at all.
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Rik Relais', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser, { clock });
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;
const EMERGENCY = /Safety first|Veiligheid eerst/;

describe('a bare call for help in the forms people type it in a hurry', () => {
  it.each([
    ['HELP ME!!', 'en-GB'],
    ['help me please!!', 'en-GB'],
    ['bel 112!', 'nl-NL'],
    ['call 112', 'en-GB'],
    ['🆘', 'en-GB'],
    ['🆘 HELP 🆘', 'en-GB'],
    ['S.O.S.', 'en-GB'],
    ['help…', 'en-GB'],
    ['112 🙏', 'nl-NL'],
    ['hulp nu!!', 'nl-NL'],
    ['１１２', 'nl-NL'],
    ['helpppp', 'en-GB'],
    // One typing error in the alarm word, the kind the seventeenth set is made of (final review, stop 31, 2).
    ['HLEP ME!!', 'en-GB'],
    ['hlep!!', 'en-GB'],
    ['bel 112 hlep', 'nl-NL'],
    ['SOS hlep', 'en-GB'],
    ['ambulanse!!', 'nl-NL'],
    ['poltie nu', 'nl-NL'],
    // One typing error from "help" that is also one from "hello": a greeting only when it stands alone and holds no alarm word whole.
    ['HELPO ME!!', 'en-GB'],
    ['helpo!!', 'en-GB'],
    ['helo me please!!', 'en-GB'],
  ])('"%s" (%s) gets the danger question or the emergency card first, not only the menu', async (text, locale) => {
    const person = new Conversation(bot, teamsUser(`Noor Haast ${[...text].map((c) => c.codePointAt(0)).join('-')} ${locale}`, locale));
    const replies = await person.says(text);
    expect(cardText(replies[0])).toMatch(new RegExp(`${QUESTION.source}|${EMERGENCY.source}`));
  });
});

/**
 * Red team, stop 32, finding 1 (fixed: content/danger-answers' besideAlarmWords hold the everyday words of a call for help,
 * and every number of content/organisation.json is an alarm word; this proof moved here from test/redteam/callForHelpInEverydayWords.test.ts). A call for help said as people say it, with
 * an ordinary word beside the alarm word, got the menu or the guided flow's first step: the classifier rates such short
 * messages danger `none`. Each kind of wording, in both languages; a sentence that tells what the help is for stays the
 * classifier's, as does a question to the bot itself ("can you help me"), below.
 */
describe('a call for help in everyday words', () => {
  it.each([
    // Someone is called on: the writer cannot help alone.
    ['someone help!!', 'en-GB'],
    ['somebody help', 'en-GB'],
    ['can anyone help!!', 'en-GB'],
    ['iemand help!!', 'nl-NL'],
    ['kan iemand helpen!!', 'nl-NL'],
    // The writer's own need, with nothing said of what for.
    ['I need help!!', 'en-GB'],
    ['we need help now', 'en-GB'],
    ['ik heb hulp nodig!!', 'nl-NL'],
    ['we hebben hulp nodig', 'nl-NL'],
    // Help for us, the writer and whoever is with them.
    ['help us!!', 'en-GB'],
    ['help ons!!', 'nl-NL'],
    // A service called for with an article, or sent for.
    ['call an ambulance!!', 'en-GB'],
    ['someone call the police', 'en-GB'],
    ['send help', 'en-GB'],
    ['bel een ambulance!!', 'nl-NL'],
    ['iemand moet de politie bellen', 'nl-NL'],
    ['stuur hulp!', 'nl-NL'],
    ['kom helpen!!', 'nl-NL'],
    // A number the emergency card names, typed alone: the suicide prevention line is as much a call as "112".
    ['113', 'nl-NL'],
    ['bel 113!!', 'nl-NL'],
    ['0800-0113', 'nl-NL'],
    ['call 0800 0113', 'en-GB'],
  ])('"%s" (%s) gets the danger question or the emergency card first', async (text, locale) => {
    const person = new Conversation(bot, teamsUser(`Floor Roep ${[...text].map((c) => c.codePointAt(0)).join('-')} ${locale}`, locale));
    const replies = await person.says(text);
    expect(replies.length).toBeGreaterThan(0);
    expect(cardText(replies[0])).toMatch(new RegExp(`${QUESTION.source}|${EMERGENCY.source}`));
  });

  it.each([
    // What the help is for is told: the classifier reads the situation, as before.
    ['I need help with reporting my supervisor', 'en-GB'],
    ['ik heb hulp nodig bij het melden', 'nl-NL'],
    // A question to the bot itself asks for its menu, not for someone to come.
    ['can you help me?', 'en-GB'],
    ['kun je me helpen?', 'nl-NL'],
  ])('"%s" (%s) is no call for help: no danger question', async (text, locale) => {
    const person = new Conversation(bot, teamsUser(`Floor Vraag ${text.length} ${locale}`, locale));
    const replies = await person.says(text);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map(cardText).join('\n')).not.toMatch(QUESTION);
  });
});

describe('a word one typing error from an alarm word that is a word of its own', () => {
  it.each([
    ['good!!', 'en-GB'],
    ['held me', 'en-GB'],
    ['helo', 'en-GB'],
    ['Helo!!', 'nl-NL'],
  ])('"%s" (%s) is no call for help: no danger question', async (text, locale) => {
    const person = new Conversation(bot, teamsUser(`Noor Woord ${text.length} ${locale}`, locale));
    const replies = await person.says(text);
    expect(replies.map(cardText).join('\n')).not.toMatch(QUESTION);
  });
});

describe('the same forms typed to the adviser who has the person\'s anonymous case', () => {
  it.each([
    ['HELP ME!!', 'en-GB'],
    ['bel 112!', 'nl-NL'],
    ['🆘', 'en-GB'],
    // In everyday words (red team stop 32, 1): these were relayed with only "Sent to your adviser", no numbers.
    ['someone help!!', 'en-GB'],
    ['ik heb hulp nodig!!', 'nl-NL'],
  ])('"%s" (%s) gets the emergency card first, as "help" and "112" do there', async (text, locale) => {
    const person = teamsUser(`Noor Relais ${[...text].map((c) => c.codePointAt(0)).join('-')} ${locale}`, locale);
    const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    const replies = await new Conversation(bot, person).says(text);
    expect(replies.length).toBeGreaterThan(0);
    expect(cardText(replies[0])).toMatch(EMERGENCY);
  });
});
