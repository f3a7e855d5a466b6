import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION } from '../support/dangerQuestion';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Final review, stop 33 #3 (fixed): README, anyone in danger: "no goes on to the guidance without asking again". A no
 * that says help has come ("no, I called 112", "no one, the ambulance is here") now reads as torn: the alarm word
 * at its end counts as a cry (tornAfterNoWord reuses callsForHelpNow). The question comes back, and typed again the same, again:
 * the person cannot say no in their own words. At 2dc304b each went on as a new message and got no question (checked on an
 * export of 2dc304b; "nee de politie is er" and "nobody, police came" got the guided flow's own danger step there, so they
 * are left out).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});


describe('a no that says help has come, typed to the danger question', () => {
  it.each([
    ['en-GB', 'A colleague threatened a nurse with a knife', 'no, I called 112'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'no one, the ambulance is here'],
  ])('(%s) "%s", then "%s" twice: not the question again', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Rev No ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(DANGER_QUESTION);

    const first = await person.says(answer);
    const second = await person.says(answer);
    expect([...first, ...second].map(cardText).join('\n')).not.toMatch(DANGER_QUESTION);
  });
});
