import fs from 'node:fs';
import path from 'node:path';
import { REAL_WORDS_FILE, TRAINED_MODELS_FILE, loadContent } from '../src/content/loadContent';
import { realWordsNear } from './realWords';
import type { NluExample, TrainedModels } from '../src/content/contentSchema';
import { createClassifier } from '../src/guidance/classifier';
import { isUrgent, type LabelledQuestion } from '../src/guidance/classifierEvaluation';
import { LEARNING_MODELS, readQuestions, TUNE_SETS, tuneSetFile, tuneSetsOf, type LearningModel, type TuneSets } from './evaluationSets';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run nlu:build`: after a change to content/nlu, the tune sets or the classifier's training code.
 * 1. Writes content/nlu/examples.json, the labelled messages the classifier learns from beside
 *    content/nlu/<locale>.json (the danger model, the intent, topic, perspective and self-harm field models),
 *    each model from its own tune sets (`learnedBy` in scripts/evaluationSets.ts). The sets that measure are
 *    never read here.
 * 2. Trains the models from the content files and writes them to content/nlu/trained.json, which
 *    start-up loads in milliseconds instead of training for a second or more. A test retrains and
 *    fails when the file differs, so it cannot silently fall behind the files or the code.
 */

const CONTENT_DIR = path.resolve(__dirname, '..', 'content');

/** A labelled question as the classifier learns from it: only the labels of `models`, the others left out. */
function tuneExample(question: LabelledQuestion, models: ReadonlySet<LearningModel>): NluExample {
  return {
    text: question.text,
    locale: question.locale,
    ...(models.has('intent') && { intent: question.intent }),
    ...(models.has('topic') && { topic: question.topic }),
    ...(models.has('perspective') && { perspective: question.perspective }),
    ...(models.has('danger') && { danger: isUrgent(question) ? 'now' : 'none' }),
    // The field model learns self-harm against calm: other urgent messages (violence, threats) are no examples of the field either way.
    ...(models.has('selfHarmField') && selfHarmFieldLabel(question)),
  };
}

function selfHarmFieldLabel(question: LabelledQuestion): Pick<NluExample, 'selfHarmField'> {
  if (!isUrgent(question)) return { selfHarmField: 'none' };
  return question.category?.startsWith('self-harm') ? { selfHarmField: 'now' } : {};
}

/** The messages of the tune sets, each with the labels of the models that learn from its set. */
export function tuneExamples(sets: TuneSets = TUNE_SETS): NluExample[] {
  return tuneSetsOf(sets).flatMap((file) => {
    const models = new Set(LEARNING_MODELS.filter((model) => sets[model].includes(file)));
    return readQuestions(tuneSetFile(file)).map((question) => tuneExample(question, models));
  });
}

/** One entry per line, so a change shows as the lines it touches. */
function examplesJson(examples: readonly NluExample[]): string {
  return `[\n${examples.map((example) => `  ${JSON.stringify(example)}`).join(',\n')}\n]\n`;
}

/** One network per line: a diff shows which models a change retrained. */
export function trainedModelsJson(models: TrainedModels): string {
  const locales = Object.entries(models.locales).map(
    ([locale, networks]) =>
      `    ${JSON.stringify(locale)}: {\n${Object.entries(networks)
        .map(([name, network]) => `      ${JSON.stringify(name)}: ${JSON.stringify(network)}`)
        .join(',\n')}\n    }`,
  );
  return `{\n  "inputs": ${JSON.stringify(models.inputs)},\n  "locales": {\n${locales.join(',\n')}\n  },\n  "danger": ${JSON.stringify(models.danger)},\n  "selfHarmField": ${JSON.stringify(models.selfHarmField)},\n  "spelling": {\n${Object.entries(models.spelling).map(([locale, words]) => `    ${JSON.stringify(locale)}: ${JSON.stringify(words)}`).join(',\n')}\n  }\n}\n`;
}

/** One language per line. */
export function realWordsJson(realWords: Readonly<Record<string, readonly string[]>>): string {
  return `{\n${Object.entries(realWords).map(([locale, words]) => `  ${JSON.stringify(locale)}: ${JSON.stringify(words)}`).join(',\n')}\n}\n`;
}

async function main(): Promise<number> {
  const examples = tuneExamples();
  const examplesFile = path.join(CONTENT_DIR, 'nlu', 'examples.json');
  fs.writeFileSync(examplesFile, examplesJson(examples));
  console.log(`${examples.length} labelled messages written to ${path.relative(process.cwd(), examplesFile)}`);

  const content = loadContent(CONTENT_DIR, { ignoreTrainedModels: true });
  const started = performance.now();
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, undefined, undefined);
  const trainedFile = path.join(CONTENT_DIR, TRAINED_MODELS_FILE);
  fs.writeFileSync(trainedFile, trainedModelsJson(classifier.trainedModels()));
  console.log(`Models trained in ${Math.round(performance.now() - started)} ms, written to ${path.relative(process.cwd(), trainedFile)}`);
  const realWordsFile = path.join(CONTENT_DIR, REAL_WORDS_FILE);
  fs.writeFileSync(realWordsFile, realWordsJson(realWordsNear(classifier.trainedModels().spelling)));
  console.log(`Real words near the known ones written to ${path.relative(process.cwd(), realWordsFile)}`);
  return 0;
}

if (require.main === module) runScriptMain(main, 'The classifier could not be built.');
