import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type Content } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { evaluateClassifier, type ClassifierReport, type LabelledQuestion } from '../../src/guidance/classifierEvaluation';
import { INTENTS, LOCALES, PERSPECTIVES, TOPICS } from '../../src/guidance/vocabulary';

const root = path.resolve(__dirname, '..', '..');

function readQuestions(file: string): LabelledQuestion[] {
  return fs
    .readFileSync(path.join(root, 'test', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

const testSet = readQuestions('labelled-questions.jsonl');
const devSet = readQuestions('dev-questions.jsonl');

let content: Content;
let classifier: Classifier & ClassifierInternals;
let testReport: ClassifierReport;
let devReport: ClassifierReport;

beforeAll(async () => {
  content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.urgentPatterns);
  testReport = await evaluateClassifier(classifier, testSet);
  devReport = await evaluateClassifier(classifier, devSet);
}, 60_000);

describe('the issue\'s reference examples', () => {
  test.each([
    ['My colleague keeps making sexual remarks to the new intern, should I say something?', 'en', 'guidance', 'sexual-harassment', 'witness', false],
    ['Ik word in de groepsapp steeds belachelijk gemaakt', 'nl', 'guidance', 'bullying', 'target', false],
    ['Er wordt nu iemand geslagen op de SEH', 'nl', 'guidance', 'aggression', 'witness', true],
    ['Someone said my comment about her accent was racist, how do I fix this?', 'en', 'guidance', 'discrimination', 'accused', false],
    ['A student in my group told me the supervisor threatens her grade unless she stays late', 'en', 'guidance', 'abuse-of-power', 'witness', false],
    ['Hoe kan ik een melding maken?', 'nl', 'report', null, null, false],
    ['I need to talk to someone', 'en', 'talk', null, null, false],
    ['gedragscode', 'nl', 'code-of-conduct', null, null, false],
  ] as const)('%s', async (text, locale, intent, topic, perspective, urgent) => {
    const { likelyTopics: _likelyTopics, ...classification } = await classifier.classify(text);
    expect(classification).toEqual({ locale, intent, topic, perspective, urgent, danger: urgent ? 'now' : 'none' });
  });

  test('a forced locale is kept, and a Teams locale decides when the text does not tell', async () => {
    expect((await classifier.classify('gedragscode', { locale: 'en' })).locale).toBe('en');
    expect((await classifier.classify('gedragscode', { fallbackLocale: 'en' })).locale).toBe('en');
  });
});

describe('the labelled test set (test/fixtures/labelled-questions.jsonl)', () => {
  test('has at least 150 questions in both locales with every label', () => {
    expect(testSet.length).toBeGreaterThanOrEqual(150);
    const present = (values: readonly unknown[]) => new Set(values);
    expect(present(testSet.map((question) => question.locale))).toEqual(new Set(LOCALES));
    expect(present(testSet.map((question) => question.intent))).toEqual(new Set(INTENTS));
    expect(present(testSet.filter((question) => question.topic).map((question) => question.topic))).toEqual(new Set(TOPICS));
    expect(present(testSet.filter((question) => question.perspective).map((question) => question.perspective))).toEqual(new Set(PERSPECTIVES));
    expect(present(testSet.map((question) => question.urgent))).toEqual(new Set([true, false]));
    for (const locale of LOCALES) {
      expect(testSet.filter((question) => question.locale === locale && question.urgent).length).toBeGreaterThanOrEqual(5);
    }
  });

  test('meets the goals: every urgent question found, few false alarms, topic and intent >= 90%', () => {
    const missedUrgent = testReport.mistakes.filter(({ expected, actual }) => expected.urgent && !actual.urgent).map(({ expected }) => expected.text);
    expect(missedUrgent).toEqual([]);
    expect(testReport.urgentRecall.rate).toBe(1);
    expect(testReport.urgentFalsePositiveRate.rate).toBeLessThanOrEqual(0.05);
    expect(testReport.topicAccuracy.rate).toBeGreaterThanOrEqual(0.9);
    expect(testReport.intentAccuracy.rate).toBeGreaterThanOrEqual(0.9);
    expect(testReport.perspectiveAccuracy.rate).toBeGreaterThanOrEqual(0.8);
    expect(testReport.localeAccuracy.rate).toBeGreaterThanOrEqual(0.95);
  });

  test('shares no text with the training utterances or the dev set', () => {
    const others = [...devSet.map((question) => question.text), ...trainingUtterances(content)];
    const leaks = testSet.flatMap((question) => others.filter((other) => overlaps(question.text, other)).map((other) => `${question.text} ~ ${other}`));
    expect(leaks).toEqual([]);
  });
});

describe('the dev set (test/fixtures/dev-questions.jsonl), on which the classifier is tuned', () => {
  test('keeps every urgent question and few false alarms', () => {
    expect(devReport.mistakes.filter(({ expected, actual }) => expected.urgent && !actual.urgent).map(({ expected }) => expected.text)).toEqual([]);
    expect(devReport.urgentFalsePositiveRate.rate).toBeLessThanOrEqual(0.02);
    expect(devReport.topicAccuracy.rate).toBeGreaterThanOrEqual(0.9);
  });

  test('exercises every urgent rule', () => {
    const kinds = new Set(devSet.filter((question) => question.urgent).map((question) => classifier.urgencyReason(question.text)));
    expect(content.urgentPatterns.rules.map((rule) => rule.kind).filter((kind) => !kinds.has(kind))).toEqual([]);
  });
});

describe('urgency', () => {
  test('flags every urgent example in the training files', () => {
    const missed = LOCALES.flatMap((locale) => content.nlu[locale].urgent.filter((text) => !classifier.isUrgent(text)));
    expect(missed).toEqual([]);
  });

  test.each([
    ['violence now', 'Een patiënt schopt op dit moment een verpleegkundige'],
    ['violence now', 'a visitor is punching a nurse in the corridor right now'],
    ['weapon', 'er loopt iemand met een pistool door de hal'],
    ['threat to kill', 'He said he will murder my colleague after the shift'],
    ['self-harm', 'Ze zei dat ze een eind aan haar leven wil maken'],
    ['overdose', 'she took a whole packet of paracetamol'],
    ['followed or trapped', 'iemand loopt al tien minuten achter me aan'],
  ])('%s: %s', (kind, text) => {
    expect(classifier.urgencyReason(text)).toBe(kind);
  });

  test.each([
    'Vorig jaar zwaaide een patiënt met een mes, hoe verwerk ik dat?',
    'What should I do if a patient pulls a knife? It is for our training',
    'Mijn leidinggevende gebruikt mijn beoordeling als wapen',
    'My manager stabbed me in the back in the meeting',
    'Ik moet mijn artikel afmaken maar mijn promotor zet me onder druk',
  ])('does not flag: %s', (text) => {
    expect(classifier.isUrgent(text)).toBe(false);
  });
});

// Training time and the time per question are speed targets: `npm run bench` measures them
// (classifier section), not timed assertions here.

function trainingUtterances(loaded: Content): string[] {
  return LOCALES.flatMap((locale) => {
    const training = loaded.nlu[locale];
    return [training.intents, training.topics, training.perspectives].flatMap((groups) => Object.values(groups).flat()).concat(training.urgent);
  });
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").split(/[^\p{L}\p{N}']+/u).filter((word) => word !== '');
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  return ` ${haystack.join(' ')} `.includes(` ${needle.join(' ')} `);
}

/**
 * The same text, a test question of four or more words inside another text, another text of seven
 * or more words inside a test question, or a near paraphrase (three quarters of the words shared).
 * Short phrases ("wat moet ik doen", "melding maken") are the language's building blocks, not leaks.
 */
function overlaps(testText: string, other: string): boolean {
  const a = words(testText);
  const b = words(other);
  if (a.join(' ') === b.join(' ')) return true;
  if (a.length >= 4 && containsSequence(b, a)) return true;
  if (b.length >= 7 && containsSequence(a, b)) return true;
  if (Math.min(a.length, b.length) < 5) return false;
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = [...setA].filter((word) => setB.has(word)).length;
  return shared / new Set([...a, ...b]).size >= 0.75;
}
