import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrainedModels } from '../../src/content/contentSchema';
import { ContentError, TRAINED_MODELS_FILE, loadContent, type Content } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { trainedModelsJson } from '../../scripts/build-nlu';
import { storedRegressionWeights } from '../../src/guidance/classifier/softmaxModel';
import { decodeFloat32, decodeInt16, decodeInt8 } from '../../src/guidance/classifier/storedFloats';
import { weightOfLevel } from '../../src/guidance/classifier/dangerModel';
import { startBot } from '../support/botHarness';

/*
 * Start-up loads the models from content/nlu/trained.json (`npm run nlu:build`) instead of training
 * them. These tests keep that file honest: it is exactly what training on today's files and code
 * gives, a classifier loaded from it answers as a trained one does, and a stale file is never used.
 */

const root = path.resolve(__dirname, '..', '..');
const contentDir = path.join(root, 'content');

let content: Content;
let trained: Classifier & ClassifierInternals;
let loaded: Classifier & ClassifierInternals;

beforeAll(async () => {
  content = loadContent(contentDir);
  trained = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, undefined, content.realWords);
  loaded = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

/**
 * Every number of a stored model with how far another training may put it: the stored weights decoded,
 * so two trainings compare by value. A regression's weight may land one step of its feature's scale
 * away (a last bit of a Math.exp on another V8 can round it the other way); any other within 1e-6.
 */
function weightsOf(models: TrainedModels): { value: number; tolerance: number }[] {
  const exact = (value: number) => ({ value, tolerance: 1e-6 * Math.max(1, Math.abs(value)) });
  const locales = Object.values(models.locales);
  return [
    ...locales.flatMap(({ intent, topic }) => [intent, topic]).flatMap((network) => [
      ...network.biases.map(exact),
      ...network.weights.flatMap((encoded) => [...decodeFloat32(encoded, network.features.length, 'a network')].map(exact)),
    ]),
    ...locales.flatMap(({ intentRegression, topicRegression, perspectiveRegression }) => [intentRegression, topicRegression, perspectiveRegression]).flatMap((regression) => {
      const exponents = decodeInt8(regression.scaleExponents, regression.features.length, 'a regression');
      return [
        ...regression.biases.map(exact),
        ...[...storedRegressionWeights(regression)].map((value, index) => ({ value, tolerance: 2 ** exponents[Math.floor(index / regression.labels.length)] + 1e-6 })),
      ];
    }),
    // A danger weight may land one level away for the same reason: a step is (weightRatio - 1) of its size.
    ...[models.danger, models.selfHarmField].flatMap((model) => [
      exact(model.bias),
      ...[...decodeInt16(model.weights, model.features.length, 'a danger model')]
        .map((level) => weightOfLevel(level, model.weightRatio))
        .map((value) => ({ value, tolerance: Math.abs(value) * (model.weightRatio - 1) + 1e-6 })),
    ]),
  ];
}

test('content/nlu/trained.json is what training on today\'s content and code gives (else: npm run nlu:build)', () => {
  expect(trained.trainedInsteadOfLoaded).toBe(true);
  expect(loaded.trainedInsteadOfLoaded).toBe(false);
  const shipped = fs.readFileSync(path.join(contentDir, TRAINED_MODELS_FILE), 'utf8');
  const retrained = trained.trainedModels();
  // Node 20 writes it; on another V8 the last bit of a Math.exp may differ, which must not fail the check.
  if (shipped !== trainedModelsJson(retrained)) {
    const stored = content.trainedModels as TrainedModels;
    const strip = (models: TrainedModels) => JSON.stringify(models, (key, value: unknown) => (key === 'weights' || key === 'biases' || key === 'bias' ? undefined : value));
    expect(strip(stored)).toBe(strip(retrained));
    const [storedWeights, retrainedWeights] = [weightsOf(stored), weightsOf(retrained)];
    expect(storedWeights).toHaveLength(retrainedWeights.length);
    expect(storedWeights.every(({ value, tolerance }, index) => Math.abs(value - retrainedWeights[index].value) <= tolerance)).toBe(true);
  }
});

test('a classifier loaded from trained.json answers every tune, check and labelled message exactly as a trained one', async () => {
  const fixtures = path.join(root, 'test', 'fixtures');
  const texts = fs
    .readdirSync(fixtures)
    .filter((file) => file.endsWith('.jsonl') && !file.startsWith('heldout'))
    .flatMap((file) => fs.readFileSync(path.join(fixtures, file), 'utf8').split('\n').filter((line) => line.trim() !== ''))
    // Files of labels without texts (second-annotation.jsonl, keyed by a digest of each text) have nothing to classify.
    .flatMap((line) => {
      const { text } = JSON.parse(line) as { text?: unknown };
      return typeof text === 'string' ? [text] : [];
    });
  expect(texts.length).toBeGreaterThan(3000);
  let differences = 0;
  for (const text of texts) {
    const [fromFile, fromTraining] = [await loaded.classify(text), await trained.classify(text)];
    if (JSON.stringify(fromFile) !== JSON.stringify(fromTraining)) differences += 1;
  }
  expect(differences).toBe(0);
  for (const locale of ['nl', 'en'] as const) {
    const text = locale === 'nl' ? 'mijn collega wordt gepest in de groepsapp' : 'my colleague is being bullied in the group chat';
    expect(loaded.explain(text, locale)).toEqual(trained.explain(text, locale));
  }
});

test('models trained from other files are not used: the classifier trains at start instead', async () => {
  const changedExamples = [...content.nluExamples, { text: 'a message added after the models were built', locale: 'en' as const, intent: 'guidance' as const, topic: null, perspective: null, danger: 'none' as const }];
  const classifier = await createClassifier(content.nlu, content.dangerCues, changedExamples, content.trainedModels, content.realWords);
  expect(classifier.trainedInsteadOfLoaded).toBe(true);
  expect(classifier.trainedModels().inputs).not.toBe(content.trainedModels?.inputs);
});

describe('loading trained.json', () => {
  let copy: string;
  beforeEach(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-content-'));
    fs.cpSync(contentDir, copy, { recursive: true });
  });
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

  test('without the file the content loads and the classifier trains at start', async () => {
    fs.rmSync(path.join(copy, TRAINED_MODELS_FILE));
    const withoutModels = loadContent(copy);
    expect(withoutModels.trainedModels).toBeUndefined();
    const classifier = await createClassifier(withoutModels.nlu, withoutModels.dangerCues, withoutModels.nluExamples, withoutModels.trainedModels, withoutModels.realWords);
    expect(classifier.trainedInsteadOfLoaded).toBe(true);
  });

  test('the bot started without the file says it trained at start-up; with it, it does not', async () => {
    fs.rmSync(path.join(copy, TRAINED_MODELS_FILE));
    const without = await startBot({ CONTENT_DIR: copy });
    const shipped = await startBot();
    try {
      const trainedAtStart = (logs: readonly string[]) => logs.filter((line) => line.includes('"event":"classifierTrainedAtStart"')).length;
      expect(trainedAtStart(without.logs)).toBe(1);
      expect(trainedAtStart(shipped.logs)).toBe(0);
    } finally {
      await without.stop();
      await shipped.stop();
    }
  }, 60_000);

  test('npm run nlu:build reads the content without the file it is about to replace, so an outdated one cannot stop it', () => {
    fs.writeFileSync(path.join(copy, TRAINED_MODELS_FILE), '{"inputs": "from an older version"}');
    expect(() => loadContent(copy)).toThrow(/nlu\/trained\.json/);
    expect(loadContent(copy, { ignoreTrainedModels: true }).trainedModels).toBeUndefined();
  });

  test('stored lexicons that do not fit the terms of the content are refused, naming trained.json, never misread', async () => {
    const file = path.join(copy, TRAINED_MODELS_FILE);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as TrainedModels;
    expect(stored.locales.en.lexicons.topics.length).toBeGreaterThan(100);
    const withoutATerm = { ...stored, locales: { ...stored.locales, en: { ...stored.locales.en, lexicons: { ...stored.locales.en.lexicons, topics: stored.locales.en.lexicons.topics.slice(1) } } } };
    fs.writeFileSync(file, JSON.stringify(withoutATerm));
    const changed = loadContent(copy);
    await expect(createClassifier(changed.nlu, changed.dangerCues, changed.nluExamples, changed.trainedModels, changed.realWords)).rejects.toThrow(/trained\.json: a lexicon has the wrong number of terms/);
  });

  test.each([
    ['not JSON', () => '{"inputs": '],
    ['weights that are not base64', (json: string) => json.replace(/"weights":"[A-Za-z0-9+/]{8}/, '"weights":"%%%%%%%%')],
    ['a label without weights', (json: string) => json.replace(/"biases":\[[^\]]*\]/, '"biases":[]')],
    ['a feature that is not a string', (json: string) => json.replace('"features":["', '"features":[7,"')],
  ])('a file with %s is named in the content error', (_kind, corrupt) => {
    const file = path.join(copy, TRAINED_MODELS_FILE);
    fs.writeFileSync(file, corrupt(fs.readFileSync(file, 'utf8')));
    expect(() => loadContent(copy)).toThrow(ContentError);
    expect(() => loadContent(copy)).toThrow(/nlu\/trained\.json/);
  });
});
