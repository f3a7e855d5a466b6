import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * The classifier reads text as a person sees it, whoever calls it (the bot, `npm run ask`, the
 * evaluation): characters nobody sees cannot split the words of danger.
 */

let classifier: Classifier;

beforeAll(async () => {
  const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

test.each([
  ['a soft hyphen', '\u00AD'],
  ['a zero-width space', '\u200B'],
  ['a word joiner', '\u2060'],
  ['a zero-width joiner between letters', '\u200D'],
  ['a right-to-left override', '\u202E'],
])('%s inside the words of danger changes nothing', async (_kind, hidden) => {
  const clean = await classifier.classify('I want to kill myself tonight');
  const hiding = await classifier.classify(`I want to k${hidden}ill my${hidden}self to${hidden}night`);
  expect(clean.danger).toBe('now');
  expect(hiding).toEqual(clean);
});
