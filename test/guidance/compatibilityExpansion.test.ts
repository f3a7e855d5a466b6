import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, MAX_ANALYSED_CHARS, type Classifier } from '../../src/guidance/classifier';

/*
 * Review 29, defect: the classifier cuts a message to MAX_ANALYSED_CHARS and then applies NFKC, which can
 * make it up to 18 times longer (U+FDFA is one character and 18 after NFKC; "…" becomes three). The danger
 * tokeniser and the ask locator then cut the expanded text again at MAX_ANALYSED_CHARS, so the end of a short
 * message the bot accepts is never read for danger, while the topic models read all of it.
 */
const root = path.resolve(__dirname, '..', '..');
let classifier: Classifier;

beforeAll(async () => {
  const content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

describe('a message well under the length limit is read whole for danger, whatever characters it holds', () => {
  test.each([
    ['en', 'He is stabbing my colleague with a knife right now!!'],
    ['nl', 'Ik ga mezelf vanavond van het leven beroven.'],
  ])('%s: danger after 120 compatibility ligatures (a 170-character message)', async (_locale, danger) => {
    const calm = await classifier.classify(danger);
    expect(calm.danger).toBe('now');

    const text = `${'\uFDFA'.repeat(120)} ${danger}`;
    expect(text.length).toBeLessThan(MAX_ANALYSED_CHARS / 10);
    expect((await classifier.classify(text)).danger).toBe('now');
  });

  test('a message of 700 ellipses keeps its last sentence', async () => {
    // 700 "…" are 700 characters as typed and 2,100 after NFKC.
    const text = `${'…'.repeat(700)} He is stabbing my colleague with a knife right now!!`;
    expect(text.length).toBeLessThan(MAX_ANALYSED_CHARS);
    expect((await classifier.classify(text)).danger).toBe('now');
  });
});
