import path from 'node:path';
import { pathologicalInputs } from '../../bench/pathologicalInputs';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, MAX_ANALYSED_CHARS, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { analysedText, readWithin } from '../../src/shared/messageLength';

/*
 * Linear time, for the whole classifier (README, "Linear time"): whatever arrives, the models read at most
 * MAX_ANALYSED_CHARS of the text as read (normalised first, then cut) and danger at most that of its beginning
 * and of its end, tokens cut to a bounded length. Checked on the bench's own pathological inputs
 * (bench/pathologicalInputs.ts), which include characters that NFKC makes up to 18 times longer. No timing here:
 * the time is measured by `npm run bench -- --only classifier`.
 */
const root = path.resolve(__dirname, '..', '..');
let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  const content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

// Every token is at least one character and a separator: a part of the limit holds at most this many.
const TOKEN_CEILING = MAX_ANALYSED_CHARS / 2 + 1;

describe('what the classifier reads of a pathological input is bounded by the limit, as read', () => {
  test.each(pathologicalInputs().map(({ kind, text }) => [kind, text] as const))('%s', async (_kind, text) => {
    const read = readWithin(text);
    if (read.fits) expect(read.text.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    else {
      expect(read.beginning.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
      expect(read.end.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    }
    expect(analysedText(text).length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    for (const locale of ['en', 'nl'] as const) {
      const explained = classifier.explain(text, locale);
      expect(explained.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
      expect(explained.danger.tokensAnalysed).toBeLessThanOrEqual(TOKEN_CEILING);
    }
    await expect(classifier.classify(text)).resolves.toHaveProperty('danger');
  });
});

describe('normalised before it is cut', () => {
  test('a message that fits as read is read whole, compatibility characters spelled out', () => {
    const text = `${'\uFDFA'.repeat(100)} He is stabbing my colleague with a knife right now!!`;
    const read = readWithin(text);
    expect(read.fits).toBe(true);
    expect(analysedText(text)).toBe(text.normalize('NFKC'));
    expect(classifier.explain(text, 'en').analysedChars).toBe(text.normalize('NFKC').length);
  });

  test('a message short as typed that normalisation makes longer than the limit does not fit; its end is the end of the text as read', () => {
    const ending = 'He is stabbing my colleague with a knife right now!!';
    const text = `${'…'.repeat(700)} ${ending}`;
    expect(text.length).toBeLessThan(MAX_ANALYSED_CHARS);
    const read = readWithin(text);
    expect(read.fits).toBe(false);
    if (read.fits) return;
    expect(read.beginning).toHaveLength(MAX_ANALYSED_CHARS);
    expect(read.end.endsWith(ending)).toBe(true);
    expect(classifier.explain(text, 'en').analysedChars).toBe(MAX_ANALYSED_CHARS);
  });

  test('the bot\'s limit is the same measure: within it as typed but not as read is over it', () => {
    const text = `${'\uFDFA'.repeat(60)} help`;
    expect(readWithin(text, 1000).fits).toBe(false);
    expect(readWithin(text, 2000).fits).toBe(true);
    // Longer as typed is over the limit whatever it reads as: the bot relays what was typed.
    expect(readWithin(`${'\u0301'.repeat(30)}`, 10).fits).toBe(false);
  });
});
