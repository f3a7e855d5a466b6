import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, anyone in danger: a message of nothing but words that call for help, also as typed in a hurry, gets the danger
 * question first, every number above it. Red team stop 33, 6: with a key held down on the word beside the alarm word ("help
 * mijjj"; the alarm word itself, "helpppp", was read), an emergency emoji beside 🆘 ("🚨", "🚑🚑") or an emergency the alarm
 * words lacked ("mayday!!", "brand!!"), such a message got the menu or the guided flow (the words:
 * test/bot/typedDangerAnswers.test.ts). PRODUCT.md, "Safety first": recall beats precision.
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;

describe('a call for help typed alone, in a hurry or in emergency words', () => {
  it.each([
    // A key held down on the word beside the alarm word.
    ['nl-NL', 'help mijjj'],
    ['nl-NL', 'hulp nuuu!!'],
    ['en-GB', 'help usss'],
    ['en-GB', 'help meeee!!'],
    // An emergency emoji beside 🆘.
    ['en-GB', '🚑🚑'],
    ['en-GB', '🚨'],
    ['nl-NL', '🚓 🚓'],
    // An emergency named: fire, the fire brigade, mayday; also announced ("er is", "there is").
    ['nl-NL', 'brand!!'],
    ['nl-NL', 'er is brand!!'],
    ['nl-NL', 'bel de brandweer!'],
    ['en-GB', 'mayday!!'],
    ['en-GB', 'there is an emergency!!'],
  ])('(%s) "%s" gets the danger question first, the numbers above it', async (locale, text) => {
    const person = new Conversation(bot, teamsUser(`Roel Roept ${[...text].map((c) => c.codePointAt(0)).join('-')}`, locale));
    const [first] = await person.says(text);
    const shown = cardText(first);
    expect(shown).toMatch(QUESTION);
    expect(shown.indexOf('112')).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf('112')).toBeLessThan(shown.search(QUESTION));
  });
});
