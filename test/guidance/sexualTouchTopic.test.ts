import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * Issue 11: unwanted sexual touching is sexual harassment even when force or cornering is involved; the labelling guide:
 * being held or locked in is aggression unless a superior uses it for a career decision or it is sexual. What makes a touch
 * sexual (`lexicon.intimate`: clothes pulled at, a hand under a nightdress, a kiss demanded) decides the topic (decision.ts)
 * where the scores say aggression or abuse of power, and where nothing else names a topic ("hij trekt aan mijn kleren": no
 * topic word, no harm the danger rules name). A weapon keeps aggression whatever the words touch (a gun on a lap, a knife
 * under a coat). Sentences written for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('clothes pulled at or a hand under them, with no topic word, is sexual harassment', () => {
  test.each([
    ['nl', 'ik sta in de linnenkamer en een bezoeker trekt aan mijn kleren, ik wil dit niet'],
    ['nl', 'iemand trekt aan mijn broek in de personeelslift en laat me niet gaan'],
    ['nl', 'Op de gang trekt een patiënt steeds aan haar kleding als ze langsloopt.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).topic).toBe('sexual-harassment');
  });
});

describe('a superior who holds someone for a kiss is sexual harassment, not abuse of power', () => {
  test.each([
    ['nl', 'Mijn opleider deed de deur van de artsenkamer op slot en zei dat ik pas mocht gaan als ik hem een kus gaf.'],
    ['en', 'The head of the lab locked his office door and told the technician she could only leave after a kiss.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).topic).toBe('sexual-harassment');
  });
});

describe('a weapon keeps aggression whatever the words touch', () => {
  test.each([
    ['nl', 'er zit een man in de wachtkamer met een pistool op zn schoot, je ziet het onder zn jas'],
    ['nl', 'Een bezoeker heeft een mes op schoot in de wachtruimte van de SEH.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).topic).toBe('aggression');
  });
});
