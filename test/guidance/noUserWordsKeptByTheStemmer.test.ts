import path from 'node:path';
import * as nlpjsCore from '@nlpjs/core';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier } from '../../src/guidance/classifier';

/**
 * "Their caches are emptied after training, so no user text stays in memory" (README, The classifier: Analysis).
 * nlp.js's stemmers memoize every word they stem, forever; textAnalysis.ts lets them keep only our content's words.
 * No test named it: a classifier whose stemmers kept every word a person typed passed every test (audit, stop 32).
 * The stemmers are nlp.js's own, watched (not replaced) while the classifier reads two messages.
 */
interface MemoizingStemmer {
  readonly cache: Record<string, unknown>;
}
const { BaseStemmer } = nlpjsCore as unknown as { BaseStemmer: { prototype: { stemWord(word: string): string } } };

it("keeps none of a person's words in nlp.js's stemmer caches after it has read them, in either language", async () => {
  const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  const stemWord = jest.spyOn(BaseStemmer.prototype, 'stemWord');
  try {
    await classifier.classify('Mijn collega zorblaxtig scheldt me elke ochtend uit bij de qwimpelbalie', { fallbackLocale: 'nl' });
    await classifier.classify('My colleague keeps zorblaxing me at the qwimpel desk every morning', { fallbackLocale: 'en' });
    const stemmers = new Set(stemWord.mock.contexts as MemoizingStemmer[]);
    expect(stemmers.size).toBeGreaterThan(0);
    for (const stemmer of stemmers) expect(Object.keys(stemmer.cache).filter((key) => key.includes('zorblax') || key.includes('qwimpel'))).toEqual([]);
  } finally {
    stemWord.mockRestore();
  }
}, 60_000);
