import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION, storedCase } from '../support/dangerQuestion';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, the danger question; PRODUCT.md, "The person decides": a yes marks the person's open request urgent, so it needs a
 * clear yes. Red team stop 33, 2: an answer that starts with ja / yes and goes on to say it is over ("Ja, het is voorbij",
 * "Yes, but he left") was the Yes button and marked the open request urgent against the answer; in spoken Dutch "ja" opens an
 * answer as often as it affirms. Torn so, the question comes again, the numbers first, and nothing is marked (the words:
 * test/bot/typedDangerAnswers.test.ts).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Ria Adviseur', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

const EN_STORY = 'A colleague threatened a nurse with a knife';
const NL_STORY = 'Een patiënt sloeg mijn collega';

describe('a yes that goes on to say the danger is over', () => {
  it.each([
    // That it is over.
    ['nl-NL', NL_STORY, 'Ja, het is voorbij'],
    ['nl-NL', NL_STORY, 'ja gelukkig is het voorbij'],
    ['en-GB', EN_STORY, 'Yes, but he left'],
    // Not now, not any more.
    ['nl-NL', NL_STORY, 'ja, nu niet meer'],
    ['en-GB', EN_STORY, 'yes earlier, not now'],
    // That they are safe.
    ['nl-NL', NL_STORY, 'ja, ik ben nu veilig'],
    ['en-GB', EN_STORY, 'yes, we are safe'],
  ])('(%s) "%s", then "%s": the question again, the numbers first, and the open request as sent', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Jip Voorbij ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const { caseId } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
    await bot.app.outbox.runDueJobs();
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(DANGER_QUESTION);

    const replies = await person.says(answer);
    expect(replies.map(cardText).join('\n')).not.toMatch(/now marked urgent|nu als dringend gemarkeerd|is nu dringend/);
    const again = cardText(replies[0]);
    expect(again).toMatch(DANGER_QUESTION);
    expect(again.indexOf('112')).toBeGreaterThanOrEqual(0);
    expect(again.indexOf('112')).toBeLessThan(again.search(DANGER_QUESTION));
    expect((await storedCase(bot, caseId)).urgent).toBe(false);

    // Asked again, the question takes its answer: a yes now is clear, and marks the request.
    const yes = await person.says(locale === 'nl-NL' ? 'ja' : 'yes');
    expect(cardText(yes[0])).toMatch(/Safety first|Veiligheid eerst/);
    expect((await storedCase(bot, caseId)).urgent).toBe(true);
  });
});

/**
 * A yes that cries stop ("yes, stop", "ja hou op") says it is happening and should end: "stop" is an over word only negated
 * ("it won't stop"). Before (a known limit, stop 33): "stop" read as "it has stopped", so the question came again.
 */
describe('a yes that cries stop', () => {
  it.each([
    ['en-GB', EN_STORY, 'yes, stop'],
    ['en-GB', EN_STORY, 'yes stop it'],
    ['nl-NL', NL_STORY, 'ja, stop!!'],
    ['nl-NL', NL_STORY, 'ja hou op'],
  ])('(%s) "%s", then "%s": the emergency card first, and the open request urgent', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Jip Stop ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const { caseId } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
    await bot.app.outbox.runDueJobs();
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(DANGER_QUESTION);

    const replies = await person.says(answer);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
    expect((await storedCase(bot, caseId)).urgent).toBe(true);
  });
});
