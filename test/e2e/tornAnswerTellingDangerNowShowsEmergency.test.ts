import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION, EMERGENCY_CARD } from '../support/dangerQuestion';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Final review, stop 33 #2 (fixed): PRODUCT.md, "Safety first": `now` shows the emergency card first. A typed answer
 * read as torn ('again', typedDangerAnswers.ts: tornAfterNoWord, saysNoAfterYes) never reaches the classifier, so an answer
 * that tells danger happening now ("no one is coming and he has a knife", "Yes, he left, but he is coming back with a knife")
 * gets the question a third time instead of the emergency card it got before this session (2dc304b: a new message, `now`,
 * or a yes).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});


describe('a torn answer that tells danger happening now', () => {
  it.each([
    ['en-GB', 'A colleague threatened a nurse with a knife', 'no one is coming and he has a knife'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'nobody is helping, he is hitting her'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'no help is coming, he is strangling her'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'niemand helpt ons, hij slaat haar'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'yes, he left but he is coming back with a knife'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'ja, hij is weg, help!'],
  ])('(%s) "%s", then "%s": the emergency card first', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Rev Torn ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(DANGER_QUESTION);

    const [first] = await person.says(answer);
    expect(cardText(first)).toMatch(EMERGENCY_CARD);
  });
});
