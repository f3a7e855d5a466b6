import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * Mockery of an identity is discrimination even when it looks like bullying (issue 11; `lexicon.identities`, decision.ts). A
 * word of identity that names a ward, a thing or a country in the news names nobody's identity: a fight at the maternity
 * entrance, a husband who parks a wheelchair in the doorway, a doctor killed in Turkey are aggression. Someone mocked for
 * their wheelchair, a wheelchair user or "terug naar Turkije"-style remarks about Turks stay discrimination. Sentences
 * written for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('a word of identity that names a ward, a thing or a country names no identity', () => {
  test.each([
    ['en', 'Two visitors started a fist fight at the maternity entrance tonight and nobody stepped in.'],
    ['en', "A patient's son blocked the lift with his mother's wheelchair and screamed at the porter."],
    ['nl', 'Een bezoeker trok gisteren een patiënt uit de rolstoel en gooide hem op de grond bij de hoofdingang.'],
    ['nl', 'In Turkije is een arts neergestoken door familie van een patiënt, hoe veilig zijn wij hier eigenlijk?'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).topic).toBe('aggression');
  });
});

describe('mockery of someone for their wheelchair or their origin stays discrimination', () => {
  test.each([
    ['en', 'My colleague is a wheelchair user and the residents keep joking that she should get a licence plate.'],
    ['en', 'The interns were laughing at his wheelchair again during the break.'],
    ['nl', 'Ik zag dat een collega een patiënt uitlachte om zijn rolstoel en hoe hij praat.'],
    ['nl', 'Op de afdeling noemen ze de nieuwe schoonmaker steeds "de Turk" en doen ze zijn accent na.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).topic).toBe('discrimination');
  });
});
