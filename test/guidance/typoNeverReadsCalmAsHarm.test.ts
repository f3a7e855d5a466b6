import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * A calm word is never read as a word of harm by a typing-error reading (spelling.ts; red team, stop 32, finding 4). A
 * real word the dictionary's affix flags lack ("wicking": a wicking dressing) was read as "kicking", and a common
 * misspelling of a calm word as the commoner danger word one edit from it ("cheking" as "choking", "wraped" as "raped",
 * "gespoken" and "gestoen" as "gestoken", stabbed): calm messages got danger `now`, the emergency card first, or the danger
 * question. A word of harm is read only when it is a likelier slip than every calm known word one edit away; else the
 * word stays as typed and the danger model reads the rest of the message.
 */
const root = path.resolve(__dirname, '..', '..');
let classifier: Classifier & ClassifierInternals;
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  const content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  bot = await startBot({}, { clock, runBackgroundWork: false });
}, 60_000);
afterAll(async () => {
  await bot.stop();
});

const CALM = [
  ['The new dressing is wicking well on the wound', 'The new dressing is draining well on the wound'],
  ['My shirt is wicking, my colleague keeps mocking me for it', 'My shirt is drying, my colleague keeps mocking me for it'],
] as const;

describe('a calm word is never read as a word of harm by a typing-error reading', () => {
  it.each(CALM)('"%s" is as calm as "%s"', async (withWord, without) => {
    expect((await classifier.classify(without, { fallbackLocale: 'en' })).danger).toBe('none');
    expect((await classifier.classify(withWord, { fallbackLocale: 'en' })).danger).toBe('none');
  });

  it.each([
    ['My supervisor keeps cheking my work and criticising me in front of everyone', 'My supervisor keeps checking my work and criticising me in front of everyone', 'en'],
    ['She wraped the presents for the team and the manager laughed at her accent', 'She wrapped the presents for the team and the manager laughed at her accent', 'en'],
    // Dutch: "gespoken" (gesproken, spoken) is read as "gestoken" (stabbed), "gestoen" (gestolen, stolen) too: danger `now`.
    ['Ik heb mijn leidinggevende gespoken over het rooster maar hij luistert niet', 'Ik heb mijn leidinggevende gesproken over het rooster maar hij luistert niet', 'nl'],
    ['Er is geld gestoen uit de kas op de afdeling', 'Er is geld gestolen uit de kas op de afdeling', 'nl'],
  ] as const)('the misspelt "%s" is as calm as "%s"', async (misspelt, spelt, locale) => {
    expect((await classifier.classify(spelt, { fallbackLocale: locale })).danger).toBe('none');
    expect((await classifier.classify(misspelt, { fallbackLocale: locale })).danger).toBe('none');
  });

  it('a typo of a word of harm is still read when it is the likelier slip ("knfie", "chokng", "gestokn")', async () => {
    expect(classifier.explain('Theres a man with a knfie in the corridor', 'en').typos).toContain('knfie → knife');
    expect(classifier.explain('He is chokng her in the office right now', 'en').typos).toContain('chokng → choking');
    expect(classifier.explain('Hij heeft haar gestokn bij de ingang', 'nl').typos).toContain('gestokn → gestoken');
  });

  it('the calm message gets no emergency card in the chat', async () => {
    const person = new Conversation(bot, teamsUser('Wies Verband', 'en-GB'));
    const replies = await person.says(CALM[0][0]);
    expect(replies.map(cardText).join('\n')).not.toMatch(/Safety first/);
  });
});

/**
 * The other half of "the harm word is read only when it is a likelier slip than every calm known word one edit away (a far
 * key is less likely than a letter dropped, added, swapped or a key next to it)" (README, the classifier): a word of harm
 * one key next to the typed letter is likelier than a calm word one far key away, so it is still read. The cases above
 * prove the calm side and typos no calm word is near; a reader that counted a far key as likely as a near one passed them,
 * and left "knide" (d beside f) as typed because a calm word is a far key from it: recall lost where it matters most
 * (promise audit, stop 33, F3).
 */
describe('a typo a key away from a word of harm and a far key from a calm word', () => {
  it.each([
    ['Theres a man with a knide in the corridor', 'en', 'knide → knife'],
    ['He is hifting her in the office right now', 'en', 'hifting → hitting'],
    ['Hij heeft haar gestoien bij de ingang', 'nl', 'gestoien → gestoken'],
    ['Ze is net geslafen door een bezoeker', 'nl', 'geslafen → geslagen'],
  ] as const)('"%s" (%s) reads %s', (text, locale, typo) => {
    expect(classifier.explain(text, locale).typos).toContain(typo);
  });

  it.each([
    ['Hij heeft haar gestoien bij de ingang', 'nl'],
    ['Ze is net geslafen door een bezoeker', 'nl'],
  ] as const)('"%s" (%s) is danger now: the word of harm read through', async (text, locale) => {
    expect((await classifier.classify(text, { fallbackLocale: locale })).danger).toBe('now');
  });
});
