import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { EN_STORY, MARKED_URGENT, NL_STORY, personFor, questionWhileRequestWaits, startBotForDangerAnswers, storedCase } from '../support/dangerQuestion';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, the danger question; PRODUCT.md, "The person decides": a yes marks the person's open request urgent. Red team stop
 * 33, 7: help asked for a next step ("I need help with reporting my supervisor", "ik heb hulp nodig bij het melden"), typed
 * while the danger question was open, held an alarm word and was the Yes button, which marked the open request urgent; the
 * same sentence after a no, or as a message of its own, was no call for help. Now it is no yes in either place: a new message,
 * whose danger the classifier still reads (the words: test/bot/typedDangerAnswers.test.ts, `helpForWords`).
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotForDangerAnswers();
});
afterAll(async () => {
  await bot.stop();
});

describe('help asked for a next step, typed while the danger question is open', () => {
  it.each([
    // Help with a task.
    ['en-GB', EN_STORY, 'I need help with reporting my supervisor'],
    ['nl-NL', NL_STORY, 'ik heb hulp nodig bij het melden'],
    ['nl-NL', NL_STORY, 'Ik wil hulp bij het gesprek met mijn leidinggevende'],
    // Help asked to do something.
    ['en-GB', EN_STORY, 'can you help me write it down'],
    ['nl-NL', NL_STORY, 'kun je me helpen melden'],
  ])('(%s) leaves the open request as sent: "%s", then "%s"', async (locale, story, answer) => {
    const person = new Conversation(bot, personFor('Bo Volgende', answer, locale));
    const { caseId } = await questionWhileRequestWaits(bot, person, story);

    const replies = await person.says(answer);
    expect(replies.map(cardText).join('\n')).not.toMatch(MARKED_URGENT);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
  });

  it('still takes a call for help that tells nothing of a next step as the Yes button, and marks the request', async () => {
    const person = new Conversation(bot, teamsUser('Bo Nu', 'nl-NL'));
    const { caseId } = await questionWhileRequestWaits(bot, person, NL_STORY);
    const replies = await person.says('ik heb hulp nodig');
    expect(cardText(replies[0])).toMatch(/Veiligheid eerst/);
    expect((await storedCase(bot, caseId)).urgent).toBe(true);
  });
});
