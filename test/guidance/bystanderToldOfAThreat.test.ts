import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';

/*
 * PRODUCT.md: a witness "saw it, or was told by the person affected". A threat told to the writer makes the writer the target
 * (lexicon.aimedAtWriter, decision.ts) only where the writer is what the threat is aimed at; the person affected is as often
 * the subject of what was told ("she was threatened", "ze bedreigd werd"), and the bystander's own "I" in a clause of their
 * own is their question, not the threat's object ("..., I don't know what to do", "and I want to help", "ik wil helpen"):
 * the writer as a subject counts only in the clause the phrase opens. Found by the final review of stop 32 (finding 2); the
 * cases fd646f5 fixed stay as controls.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('a threat the person affected told the writer of leaves the writer a witness', () => {
  test.each([
    ['en', 'My colleague told me she was threatened by a patient and I want to help'],
    ['en', 'A nurse told me she got threatened today, I don\'t know what to do'],
    ['nl', 'Mijn collega zei tegen me dat ze bedreigd werd, ik wil helpen'],
    // Fixed by fd646f5 (the writer must follow): controls.
    ['en', 'My colleague told me she was threatened by a patient yesterday'],
    ['en', 'A nurse told me that she is being threatened by a patient\'s relative'],
    ['en', 'My colleague told me a visitor threatened my team leader with a knife'],
    ['nl', 'Mijn collega zei tegen mij dat ze bedreigd wordt door een patiënt'],
    ['nl', 'Een verpleegkundige zei tegen mij dat een bezoeker de arts bedreigde met een mes'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('witness');
  });
});

/*
 * README (the classifier, perspective): a threat told to the writer makes the writer the target only "with the writer ...
 * within eight words after it before anyone else ('told me he'd hurt her' is told of her)". None of the cases above, nor
 * labelModels.test.ts, holds someone else between the phrase and a later "I", so a reader that skipped "before anyone else"
 * passed them while a bystander told of a threat to a colleague became the target as soon as they wrote of themselves after
 * it ("if I said anything"): the guidance for someone it happened to, not for a bystander (promise audit, stop 33, F5).
 */
describe('a threat told of someone else, the writer only after them', () => {
  it.each([
    'My colleague told me he would hurt her if I said anything',
    'A nurse told me the patient threatened to hit her when I was not there',
  ])('"%s" leaves the writer a witness', async (text) => {
    expect((await classifier.classify(text, { fallbackLocale: 'en' })).perspective).toBe('witness');
  });
});
