import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { DANGER_THRESHOLDS } from '../../src/guidance/classifier/dangerModel';
import { fieldClasses, fieldFeatures, tellsOfTheField } from '../../src/guidance/classifier/selfHarmField';
import { tokeniseSentences } from '../../src/guidance/classifier/sentenceTokens';

/*
 * The self-harm field model (selfHarmField.ts) reads the classes of a message's words (a leave-taking, things handed on, a
 * place to fall, an amount, the calm of a decision, a close time), not the words: it asks the danger question about self-harm
 * told sideways that neither the rules nor the danger model caught, and leaves ordinary farewells, drills, news and recovered
 * pasts alone. The sentences are our own, written for these tests.
 */

let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

describe('self-harm told sideways that only the field model catches gets the danger question', () => {
  test.each([
    ['who looks after a pet, a note already written', 'en', 'Who will look after my dog if something happens to me? I\'ve already written the note.'],
    ['thanks and sorry beside a close time and a decision (nl)', 'nl', 'Bedankt voor alles. Sorry dat het zo moet eindigen. Na vanavond is het klaar.'],
    ['a place high up, an amount and calm (nl)', 'nl', 'Ik sta elke avond bij het raam op de bovenste verdieping. Het is hoog genoeg. Ik ben er rustig onder.'],
  ] as const)('%s', (_kind, locale, text) => {
    const { danger } = classifier.explain(text, locale);
    expect(danger.level).toBe('unclear');
    expect(danger.harm).toBe('selfHarm');
    // `ask --explain` says the field model decided, with its probability and strongest classes.
    expect(danger.reasons[0]).toMatch(/^self-harm field model: 0\.\d\d \(.+\)$/);
  });
});

/** The field model's cut before the operating point became one per language: below it, only the new cut asks. */
const FORMER_FIELD_CUT = 0.6;

describe('the field model\'s operating point follows the language the message is written in', () => {
  test.each([
    ['keys handed on and a belt hanging ready', 'I gave my neighbour my spare keys. The belt is hanging in the wardrobe.'],
    ['knowing exactly how, thought through', 'I know exactly how to do it, I\'ve thought it through.'],
    ['thanks, a decision made in peace, a pet to look after', 'Thanks for everything, all of you. I\'ve made my decision and I\'m at peace with it. Please look after my cat.'],
  ])('English: asked from the English cut (%s)', (_kind, text) => {
    const { danger } = classifier.explain(text, 'en');
    expect(danger.level).toBe('unclear');
    expect(danger.reasons[0]).toMatch(/^self-harm field model: /);
    expect(danger.fieldProbability).toBeGreaterThanOrEqual(DANGER_THRESHOLDS.en.field);
    expect(danger.fieldProbability).toBeLessThan(FORMER_FIELD_CUT);
  });

  test('Dutch: a date chosen with relief and keys handed on, asked from the Dutch cut', () => {
    const { danger } = classifier.explain('Dankjewel allemaal. Ik heb de datum gekozen en ben opgelucht. De sleutels van mijn kluisje liggen bij Anna.', 'nl');
    expect(danger.level).toBe('unclear');
    expect(danger.fieldProbability).toBeGreaterThanOrEqual(DANGER_THRESHOLDS.nl.field);
    expect(danger.fieldProbability).toBeLessThan(FORMER_FIELD_CUT);
  });

  test('the same classes in Dutch stay calm below the Dutch cut, which asks fewer calm Dutch messages', async () => {
    const dutch = 'Ik heb de buurvrouw mijn reservesleutels gegeven. De riem hangt in de kast.';
    const { danger } = classifier.explain(dutch, 'nl');
    expect(danger.fieldProbability).toBeGreaterThanOrEqual(DANGER_THRESHOLDS.en.field);
    expect(danger.fieldProbability).toBeLessThan(DANGER_THRESHOLDS.nl.field);
    expect(danger.level).toBe('none');
    expect((await classifier.classify(dutch)).danger).toBe('none');
  });

  test('the price the issue allows: an ordinary farewell before a new job gets the danger question, never the emergency card', () => {
    // A leave-taking with a close time is what the field model learnt; the words for a new job are no class of their own,
    // because writers of urgent messages use them too ("and I don't mean a holiday").
    const { danger } = classifier.explain('Thanks for everything, it was a great team. Sorry I have to leave, tomorrow is my last day before my new job.', 'en');
    expect(danger.level).toBe('unclear');
    expect(danger.fieldProbability).toBeLessThan(FORMER_FIELD_CUT);
  });

  test('a person who chose Dutch and writes in English gets the English operating point', async () => {
    const english = 'I gave my neighbour my spare keys. The belt is hanging in the wardrobe.';
    expect((await classifier.classify(english, { locale: 'nl' })).danger).toBe('unclear');
  });
});

describe('calm messages that share the field\'s words stay calm', () => {
  test.each([
    ['a farewell before a new job (nl)', 'nl', 'Bedankt voor alles, het was een mooie tijd. Morgen is mijn laatste dienst, daarna begin ik bij een ander ziekenhuis.'],
    ['a gift with a reason', 'en', 'I gave my old bike to my nephew today, he was so happy. I won\'t need it now that I have a car.'],
    ['a chosen date for a holiday', 'en', 'I\'m so tired of this rota, I can\'t wait for the weekend, I\'ve picked a date for my holiday.'],
    ['news from elsewhere', 'en', 'The news said a man jumped from the bridge in Rotterdam last night.'],
    ['a drill about saved-up medicines (nl)', 'nl', 'We oefenen morgen op de afdeling wat te doen als een patiënt zijn medicijnen spaart.'],
    ['a clinical dose question (nl)', 'nl', 'Hoeveel tabletten paracetamol mag een patiënt per dag?'],
  ] as const)('%s', (_kind, locale, text) => {
    expect(classifier.explain(text, locale).danger.level).toBe('none');
  });
});

describe('the field\'s features are classes of words, not the words', () => {
  test('words of one class in either language give the same feature', () => {
    const featuresOf = (text: string) => fieldFeatures(fieldClasses(tokeniseSentences(text)), new Set());
    expect(featuresOf('the rope is in the garage')).toEqual(featuresOf('het touw ligt in de garage'));
    expect(featuresOf('I have enough pills')).toContain('c:means');
    expect(featuresOf('I have enough pills')).toContain('c:amount');
    expect(featuresOf('I have enough pills').some((feature) => feature.includes('pills'))).toBe(false);
  });

  test('a message with none of the telling classes is not judged', () => {
    expect(tellsOfTheField(fieldClasses(tokeniseSentences('my manager shouted at me in the meeting')))).toBe(false);
    expect(tellsOfTheField(fieldClasses(tokeniseSentences('she gave away her plants and said goodbye')))).toBe(true);
  });
});
