import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION, storedCase } from '../support/dangerQuestion';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * PRODUCT.md, "Safety first": recall beats precision. Red team stop 33, 8: a cry that nobody helps, typed to the danger
 * question ("niemand helpt ons", "nobody is coming, help!!"), started with a no word (or refused help: "zonder hulp red ik
 * het niet"), so it was no yes, and as a new message the classifier rated it `none`: the menu, the question and its numbers
 * gone. Torn between a no and a cry, it gets the question again, the numbers first, and marks nothing urgent, as "nee, help!"
 * does (the words: test/bot/typedDangerAnswers.test.ts, `noFirstWords`, `nobodyWords`).
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

describe('a cry that nobody helps, typed to the danger question', () => {
  it.each([
    // Nobody, then that nobody helps or comes.
    ['nl-NL', NL_STORY, 'niemand helpt ons'],
    ['en-GB', EN_STORY, 'no one is helping us!!'],
    ['en-GB', EN_STORY, 'nobody is coming'],
    // A no word, then a call for help.
    ['en-GB', EN_STORY, 'nobody is coming, help!!'],
    ['en-GB', EN_STORY, 'nobody here, help'],
    ['nl-NL', NL_STORY, 'niemand hier, help'],
    // Help refused in words that go on.
    ['nl-NL', NL_STORY, 'zonder hulp red ik het niet'],
    ['en-GB', EN_STORY, 'no help is coming'],
  ])('(%s) "%s", then "%s": the question again, the numbers first, and the open request as sent', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Isa Niemand ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const { caseId } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
    await bot.app.outbox.runDueJobs();
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(DANGER_QUESTION);

    const [first] = await person.says(answer);
    const again = cardText(first);
    expect(again).toMatch(DANGER_QUESTION);
    expect(again.indexOf('112')).toBeGreaterThanOrEqual(0);
    expect(again.indexOf('112')).toBeLessThan(again.search(DANGER_QUESTION));
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
  });

  it('leaves a plain no that nobody is in danger a no', async () => {
    const person = new Conversation(bot, teamsUser('Isa Veilig', 'nl-NL'));
    await person.says(NL_STORY);
    const replies = await person.says('niemand is in gevaar');
    expect(replies.map(cardText).join('\n')).not.toMatch(/Veiligheid eerst|Is er op dit moment iemand in direct gevaar/);
  });
});
