import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { EN_STORY, expectQuestionAgainNumbersFirst, NL_STORY, personFor, questionWhileRequestWaits, startBotForDangerAnswers, storedCase } from '../support/dangerQuestion';
import { teamsUser } from '../support/teamsActivities';

/**
 * PRODUCT.md, "Safety first": recall beats precision. Red team stop 33, 8: a cry that nobody helps, typed to the danger
 * question ("niemand helpt ons", "nobody is coming, help!!"), started with a no word (or refused help: "zonder hulp red ik
 * het niet"), so it was no yes, and as a new message the classifier rated it `none`: the menu, the question and its numbers
 * gone. Torn between a no and a cry, it gets the question again, the numbers first, and marks nothing urgent, as "nee, help!"
 * does (the words: test/bot/typedDangerAnswers.test.ts, `noFirstWords`, `nobodyWords`).
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotForDangerAnswers();
});
afterAll(async () => {
  await bot.stop();
});

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
    const person = new Conversation(bot, personFor('Isa Niemand', answer, locale));
    const { caseId } = await questionWhileRequestWaits(bot, person, story);

    const [first] = await person.says(answer);
    expectQuestionAgainNumbersFirst(first!);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
  });

  it('leaves a plain no that nobody is in danger a no', async () => {
    const person = new Conversation(bot, teamsUser('Isa Veilig', 'nl-NL'));
    await person.says(NL_STORY);
    const replies = await person.says('niemand is in gevaar');
    expect(replies.map(cardText).join('\n')).not.toMatch(/Veiligheid eerst|Is er op dit moment iemand in direct gevaar/);
  });
});
