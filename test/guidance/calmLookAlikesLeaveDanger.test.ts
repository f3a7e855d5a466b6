import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/**
 * PRODUCT.md, "Safety first: recall beats precision". Calm rules tried on the night of 7 December (harm aimed at a thing, a
 * picture of harm, the aftermath's recency, a story told as over; reverted, docs/EVALUATION.md) also calmed danger to a
 * person; a next attempt at calm look-alikes must leave these as danger:
 * - a person named after a thing ("strangling the network admin", "bleeding staff are panicking");
 * - a threat sent as a picture ("memes about how he will kill me");
 * - a threat to come back beside a danger told as over ("Security took him away but he said he will come back and kill me").
 * Written by the session's final reviewer; none comes from an evaluation set.
 */
const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
let classifier: Classifier;
beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

describe('calm rules leave danger to a person as danger', () => {
  test.each([
    // A person named after the thing (prefix match of the figurative cue).
    ['now', 'he is strangling the network admin'],
    ['now', 'a patient is strangling the printer technician'],
    ['now', 'he is choking the planning nurse'],
    ['now', "I'm being held hostage by a patient in the department"],
    ['now', 'the patient is bleeding staff are panicking'],
    ['now', 'the man is bleeding residents are with him'],
    // A threat sent as a picture.
    ['now', 'he sends me memes about how he will kill me'],
    ['unclear', "My ex sent me a gif of a gun with the text you're next"],
    ['now', 'my colleague posted a meme about shooting up the department tomorrow'],
    // A threat to come back, beside a danger told as over.
    ['unclear', 'About an hour ago he swung at me. Security took him away but he said he will come back and kill me'],
    ['unclear', 'An hour ago he hit me. He left. I am scared he will come back tonight'],
    ['unclear', 'An hour ago he threatened to kill her. He left the ward.'],
    ['unclear', 'Tien minuten geleden zei hij dat hij me zou neersteken. De beveiliging heeft hem meegenomen.'],
  ])('at least %s: "%s"', async (atLeast, text) => {
    const { danger } = await classifier.classify(text, { fallbackLocale: 'en' });
    if (atLeast === 'now') expect(danger).toBe('now');
    else expect(danger).not.toBe('none');
  });
});
