import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';
import { evaluateClassifier, FIGURE_NAMES, floorsMissed, type LabelledQuestion } from '../../src/guidance/classifierEvaluation';

/*
 * One name per figure (the README's, the scripts', the floors'), and a floor on a group without the questions its figure
 * counts fails instead of passing on nothing (review 29, #16: an empty group used to have rate 1, so every floor held).
 */
const root = path.resolve(__dirname, '..', '..');
let classifier: Classifier;

beforeAll(async () => {
  const content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

const calm = (text: string): LabelledQuestion => ({ text, locale: 'en', intent: 'guidance', topic: 'bullying', perspective: 'witness', urgent: false, danger: 'none' });

describe('the figures of a group', () => {
  test('carry exactly the names the floors and the README use', async () => {
    const report = await evaluateClassifier(classifier, [calm('My colleague is left out of every lunch by the team, what can I do?')]);
    expect(Object.keys(report).filter((key) => key !== 'questions' && !['byLocale', 'byCategory', 'mistakes'].includes(key)).sort()).toEqual([...FIGURE_NAMES].sort());
  });

  test('a group with no urgent message has no danger recall: NaN, and a floor on it fails', async () => {
    const report = await evaluateClassifier(classifier, [calm('My colleague is left out of every lunch by the team, what can I do?')]);
    expect(report.dangerRecall).toEqual({ correct: 0, total: 0, rate: Number.NaN });
    expect(report.nowOnUrgent.total).toBe(0);
    expect(floorsMissed(report, { dangerRecall: 0.9, nowOnUrgent: 0.8 })).toEqual({
      dangerRecall: { measured: Number.NaN, floor: 0.9 },
      nowOnUrgent: { measured: Number.NaN, floor: 0.8 },
    });
  });

  test('a floor met and a ceiling kept are no shortfall; a ceiling passed is', async () => {
    const report = await evaluateClassifier(classifier, [calm('My colleague is left out of every lunch by the team, what can I do?')]);
    expect(report.nowOnCalm).toEqual({ correct: 0, total: 1, rate: 0 });
    expect(floorsMissed(report, { nowOnCalm: 0, intent: 1 })).toEqual({});
    const urgentAsCalm = await evaluateClassifier(classifier, [calm('Someone is stabbing my colleague with a knife right now!!')]);
    expect(floorsMissed(urgentAsCalm, { nowOnCalm: 0.5 })).toEqual({ nowOnCalm: { measured: 1, floor: 0.5 } });
  });
});
