import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import {
  EMERGENCY_CARD,
  EN_STORY,
  expectQuestionAgainNumbersFirst,
  MARKED_URGENT,
  NL_STORY,
  personFor,
  questionWhileRequestWaits,
  startBotForDangerAnswers,
  storedCase,
} from '../support/dangerQuestion';

/**
 * README, the danger question; PRODUCT.md, "The person decides": a yes marks the person's open request urgent, so it needs a
 * clear yes. Red team stop 33, 2: an answer that starts with ja / yes and goes on to say it is over ("Ja, het is voorbij",
 * "Yes, but he left") was the Yes button and marked the open request urgent against the answer; in spoken Dutch "ja" opens an
 * answer as often as it affirms. Torn so, the question comes again, the numbers first, and nothing is marked (the words:
 * test/bot/typedDangerAnswers.test.ts).
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotForDangerAnswers();
});
afterAll(async () => {
  await bot.stop();
});

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
    const person = new Conversation(bot, personFor('Jip Voorbij', answer, locale));
    const { caseId } = await questionWhileRequestWaits(bot, person, story);

    const replies = await person.says(answer);
    expect(replies.map(cardText).join('\n')).not.toMatch(MARKED_URGENT);
    expectQuestionAgainNumbersFirst(replies[0]);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);

    // Asked again, the question takes its answer: a yes now is clear, and marks the request.
    const yes = await person.says(locale === 'nl-NL' ? 'ja' : 'yes');
    expect(cardText(yes[0])).toMatch(EMERGENCY_CARD);
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
    const person = new Conversation(bot, personFor('Jip Stop', answer, locale));
    const { caseId } = await questionWhileRequestWaits(bot, person, story);

    const replies = await person.says(answer);
    expect(cardText(replies[0])).toMatch(EMERGENCY_CARD);
    expect((await storedCase(bot, caseId)).urgent).toBe(true);
  });
});
