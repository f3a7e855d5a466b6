import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * Issue 11: a threat to hurt someone is aggression, and its target is whom it is aimed at. New writers often report the threat
 * without saying it was told to them ("the porter is yelling that he'll break my jaw", "de vader brult dat hij me een klap
 * verkoopt", "zegt zij slaat mij"): the perspective regression reads the nouns for people in such stories as a witness's. A verb of
 * saying, maybe "that" or "dat", then "he" or "she", with the writer alone within a few words after it ("me", "my jaw", "I" in its
 * clause; `lexicon.aimedAtWriter.reports`) beside harm the danger rules name makes the writer the target (decision.ts). A threat to
 * slit the writer's throat, told to the writer, is no one's self-harm, though the danger rules read its words as one: the target
 * the regression reads stays. A threat reported of everyone there ("with us in it") or of someone else stays a witness's.
 * Sentences written for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

const perspectiveOf = async (locale: 'en' | 'nl', text: string) => (await classifier.classify(text, { locale })).perspective;

describe('a threat reported of the writer, nobody named as told, makes the writer the target', () => {
  test.each([
    ['en', "A visitor at the desk says she will slap me if I don't let her in."],
    ['en', "The husband of a patient is shouting that he'll smash my face in, he is still at the counter."],
    ['en', "A relative is screaming that she'll strangle me and she is blocking the door."],
    ['nl', 'De vader van een patiënt roept dat hij me in elkaar slaat en hij staat nog bij de balie.'],
    ['nl', 'Een patiënt gilt dat ze me gaat wurgen en ze staat nog steeds in de deuropening.'],
    ['nl', 'Een vrouw aan de balie zegt zij slaat mij als ik haar niet help, ze staat hier nog.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await perspectiveOf(locale, text)).toBe('target');
  });
});

describe("a threat to slit the writer's throat, told to the writer, is not someone else's self-harm", () => {
  test.each([
    ['en', "The patient's son is telling me he'll slit my throat if his mother dies, he's still by the bed."],
    ['nl', 'Een patiënt zegt tegen mij dat hij me vanavond ophangt, hij staat nog bij de deur.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await perspectiveOf(locale, text)).toBe('target');
  });
});

describe('a threat reported of everyone there or of someone else stays a witness', () => {
  test.each([
    ['en', "The visitor is shouting that he'll hurt all of us, he's still at the desk."],
    ['en', "A patient says he'll punch the nurse next to me if she comes closer."],
    ['nl', 'De bezoeker roept dat hij ons allemaal een klap geeft, hij staat nog bij de balie.'],
    ['nl', 'Een collega in het lab zei tegen mijn Indonesische collega dat hij haar neersteekt, hij staat nog naast haar.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await perspectiveOf(locale, text)).toBe('witness');
  });
});
