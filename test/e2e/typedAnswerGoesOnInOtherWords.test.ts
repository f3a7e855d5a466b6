import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, the danger question: a typed answer that says only that it goes on or that it is so is a yes, pressed or typed
 * (the words: test/bot/typedDangerAnswers.test.ts). Red team stop 33, 1: said in other words than the listed ones, it was
 * read as a new message, which the classifier rates danger `none`: the guided flow, no emergency card. PRODUCT.md, "Safety
 * first": recall beats precision.
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const EN_STORY = 'A colleague threatened a nurse with a knife';
const NL_STORY = 'Een patiënt sloeg mijn collega';

describe('a typed answer that says it goes on, in other words than the listed ones', () => {
  it.each([
    // Its end negated: not over, not gone.
    ['en-GB', EN_STORY, "It's not over"],
    ['en-GB', EN_STORY, 'it is not over yet'],
    ['en-GB', EN_STORY, 'he has not left'],
    ['nl-NL', NL_STORY, 'het is nog niet voorbij'],
    ['nl-NL', NL_STORY, 'hij is nog niet weg'],
    // A verb of happening beside still or now.
    ['nl-NL', NL_STORY, 'het gebeurt nog steeds'],
    ['nl-NL', NL_STORY, 'hij doet het nog steeds'],
    ['en-GB', EN_STORY, 'he is doing it right now'],
    // That it is so, in the words it is said with ("klopt" alone is listed).
    ['nl-NL', NL_STORY, 'dat klopt'],
    ['en-GB', EN_STORY, "that's right"],
    // That there is danger.
    ['nl-NL', NL_STORY, 'er is gevaar'],
    ['en-GB', EN_STORY, 'there is danger'],
    ['en-GB', EN_STORY, 'we are in danger'],
    // That he comes back.
    ['nl-NL', NL_STORY, 'hij komt terug'],
    ['en-GB', EN_STORY, "he's coming back"],
  ])('(%s) "%s", then "%s" shows the emergency card first', async (locale, story, answer) => {
    const person = new Conversation(bot, teamsUser(`Noor Gaatdoor ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(/Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/);

    const replies = await person.says(answer);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
  });
});
