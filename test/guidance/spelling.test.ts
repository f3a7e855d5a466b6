import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { spellingTargets, TypoCorrector, withinOneEdit } from '../../src/guidance/classifier/spelling';
import { tokeniseSentences } from '../../src/guidance/classifier/sentenceTokens';
import { realWordsNear } from '../../scripts/realWords';
import { realWordsJson } from '../../scripts/build-nlu';

/*
 * Typing errors read through (spelling.ts): people type in a hurry on phones, and one dropped, doubled, swapped or
 * neighbouring letter hid the word a danger cue or a model needed. A typo of a known word is read as that word; a real
 * word of the language never is, however close to a known one.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('TypoCorrector: one Damerau edit to the most common known word', () => {
  const corrector = new TypoCorrector(['knife', 'stabbing', 'strangling', 'vermoorden', 'zelfmoord', 'collega', 'killing', 'filling'], ['filling', 'knifes']);

  test.each([
    ['a letter dropped', 'knfe', 'knife'],
    ['the last letter dropped (Dutch)', 'vermoorde', 'vermoorden'],
    ['a letter doubled', 'stabbbing', 'stabbing'],
    ['two letters swapped', 'knfie', 'knife'],
    ['two letters swapped (Dutch)', 'zelfmorod', 'zelfmoord'],
    ['two neighbouring keys, left as typed', 'strangkng', null],
    ['a neighbouring key', 'strabgling', 'strangling'],
    ['a neighbouring key (Dutch)', 'vermoordrn', 'vermoorden'],
    ['a letter added (Dutch)', 'collegaa', 'collega'],
  ])('%s: "%s" is read as %s', (_kind, typed, read) => {
    expect(corrector.correct(typed)).toBe(read);
  });

  test('a real word one letter from a known word is left as typed ("filling" is no "killing", "knifes" a word of its own)', () => {
    expect(corrector.correct('filling')).toBeNull();
    expect(corrector.correct('knifes')).toBeNull();
  });

  test('known words, short words, words two edits away and words with other characters are left as typed', () => {
    for (const typed of ['knife', 'kn', 'knf', 'knoofe', 'kn1fe', "knif'e", 'zelfmrood']) expect(corrector.correct(typed)).toBeNull();
  });

  test('the most common known word wins when two are one edit away', () => {
    expect(new TypoCorrector(['hitting', 'hatting'], []).correct('hutting')).toBe('hitting');
    expect(new TypoCorrector(['hatting', 'hitting'], []).correct('hutting')).toBe('hatting');
  });

  test('a word of harm is read only when it is a likelier slip than every calm known word one edit away', () => {
    const harm = (word: string) => ['choking', 'kicking', 'gestoken', 'raped'].includes(word);
    const corrector = new TypoCorrector(['choking', 'kicking', 'gestoken', 'raped', 'checking', 'picking', 'gestolen', 'wrapped'], [], [], harm);
    // A calm word as likely (a letter dropped or added; a far key each) or likelier (a letter dropped against a far key): left as typed.
    for (const typed of ['wicking', 'cheking', 'gestoen', 'wraped']) expect(corrector.correct(typed)).toBeNull();
    // No calm word near, or the harm reading the likelier slip: read.
    expect(corrector.correct('chokng')).toBe('choking');
    expect(corrector.correct('kickinh')).toBe('kicking');
    // Without words of harm, the most common wins as before.
    expect(new TypoCorrector(['choking', 'checking'], []).correct('cheking')).toBe('choking');
  });

  test('withinOneEdit is the Damerau distance of at most one', () => {
    expect(withinOneEdit('knife', 'knfie')).toBe(true);
    expect(withinOneEdit('knife', 'knif')).toBe(true);
    expect(withinOneEdit('knife', 'kknife')).toBe(true);
    expect(withinOneEdit('knife', 'kmife')).toBe(true);
    expect(withinOneEdit('knife', 'nkfie')).toBe(false);
    expect(withinOneEdit('knife', 'kn')).toBe(false);
  });

  test('known words are the words of three letters or more of our own texts, those of the tune messages only when they occur twice', () => {
    const targets = spellingTargets(['a patient hits the nurse', 'the nurse is fine', 'typoo once'], ['knife', 'mes']);
    expect(targets).toEqual(['knife', 'mes', 'nurse', 'the']);
  });

  test('a dropped letter of a four-letter word is read ("kil", "stb"), a known short word ("pts", "vpk") and a word of the other language ("what" in Dutch) stay', () => {
    const english = new TypoCorrector(['kill', 'stab', 'puts', 'pts'], []);
    expect(english.correct('kil')).toBe('kill');
    expect(english.correct('stb')).toBe('stab');
    expect(english.correct('pts')).toBeNull();
    const dutch = new TypoCorrector(['chat', 'pijn', 'vpk'], [], ['what', 'the']);
    expect(dutch.correct('what')).toBeNull();
    expect(dutch.correct('pjin')).toBe('pijn');
    expect(dutch.correct('vpk')).toBeNull();
  });
});

describe('the danger rules read through typing errors', () => {
  const corrector = new TypoCorrector(['knife', 'threatening', 'colleague'], []);
  const correct = (word: string) => corrector.correct(word);

  test('the tokens carry the word meant, and the typos read are noted', () => {
    const tokenised = tokeniseSentences("He's threatning my colleage with a knfie", correct);
    expect(tokenised.sentences[0].tokens).toEqual([':start:', 'he', 's', 'threatening', 'my', 'colleague', 'with', 'a', 'knife', ':end:']);
    expect(tokenised.corrections).toEqual(['threatning → threatening', 'colleage → colleague', 'knfie → knife']);
  });

  test('chat spellings the contractions know are no typos ("havent", "theyre", "rn", "nie")', () => {
    const chatty = new TypoCorrector(['haven', 'theyre', 'there'], ['here']);
    const tokenised = tokeniseSentences('they havent left, theyre here rn, nie normaal', (word) => chatty.correct(word));
    expect(tokenised.corrections).toEqual([]);
    expect(tokenised.sentences[0].tokens).toContain('not');
  });
});

describe('the classifier reads through typing errors in both languages', () => {
  test.each([
    ['a weapon, letters swapped', 'Theres a man with a knfie in the corridor and hes threatening my colleague right now', 'now'],
    ['violence, a letter doubled', 'Someone is stabbbing a nurse at the entrance right now, please help', 'now'],
    ['strangling, a neighbouring key', 'He is strabgling her in the break room right now', 'now'],
    ['self-harm, a letter dropped', 'I have the pills here and I am going to kil myself tonigt, I want to end my lfe', 'now'],
    ['Dutch violence, letters swapped', 'Er wordt nu iemand geslgaen bij de ingang, help', 'now'],
    ['Dutch threat to kill, a neighbouring key', 'Hij dreigt haar te vermoordrn, hij staat nu voor de deur', 'now'],
    ['Dutch self-harm, a letter dropped', 'Ik wil niet meer leven, ik ga vanavond zelfmood plegen', 'now'],
    ['a threat to kill, the last letter of a short word dropped', 'He is standing at the desk saying he will kil her right now', 'now'],
    ['Dutch dialect and d/t, a neighbouring key', 'Hij holdt nie op, hij lopt naar me toe en wil me sloan, help', 'now'],
  ])('%s: %s', async (_kind, text, level) => {
    expect((await classifier.classify(text)).danger).toBe(level);
  });

  test('a calm message with a typo stays calm', async () => {
    for (const text of ['Can I file a complant about my manager who keeps making jokes about my accent?', 'Waar kan ik een klacht indienne over mijn leidinggevende?']) {
      expect((await classifier.classify(text)).danger).toBe('none');
    }
  });

  test('the topic reads through a typo too ("harrasment", "discriminatie" mistyped)', async () => {
    expect((await classifier.classify('My supervisor keeps commenting on my body, is this sexual harrasment?')).topic).toBe('sexual-harassment');
    expect((await classifier.classify('Mijn collega wordt gepest en buitengeslotne door het team')).topic).toBe('bullying');
  });

  test('ask --explain shows each typo read ("knfie → knife")', () => {
    const explained = classifier.explain('Theres a man with a knfie in the corridor', 'en');
    expect(explained.typos).toContain('knfie → knife');
    expect(classifier.explain('There is a man with a knife in the corridor', 'en').typos).toEqual([]);
  });
});

test('content/nlu/real-words.json holds the real words near today\'s known words (else: npm run nlu:build)', () => {
  const shipped = fs.readFileSync(path.join(root, 'content', 'nlu', 'real-words.json'), 'utf8');
  expect(shipped).toBe(realWordsJson(realWordsNear(classifier.trainedModels().spelling)));
}, 60_000);
