import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import { createClassifier } from '../src/guidance/classifier';
import {
  evaluateClassifier,
  type ClassifierFigures,
  type ClassifierReport,
  type LabelledQuestion,
  type Ratio,
} from '../src/guidance/classifierEvaluation';

/**
 * `npm run evaluate [-- --set heldout|labelled|dev|olddev|dev2|dev2check|dev3|dev3check|dev4|dev4check|dev5|dev5check|all] [-- --mistakes]`: the classifier's figures as
 * the README reports them, per language and per category. By default the held-out set (written apart
 * from the training data, never tuned on) and the older labelled set. `dev` is the set the rules are
 * tuned on.
 */
const SETS = {
  heldout: { file: 'heldout-questions.jsonl', title: 'Held-out new phrasings (never tuned on)' },
  labelled: { file: 'labelled-questions.jsonl', title: 'Older labelled set' },
  dev: { file: 'dev-newphrasings.jsonl', title: 'Dev new phrasings (tuned on)' },
  olddev: { file: 'dev-questions.jsonl', title: 'Older dev set (tuned on)' },
  dev2: { file: 'dev2-tune.jsonl', title: 'Second dev set, tuning half (tuned on)' },
  dev2check: { file: 'dev2-check.jsonl', title: 'Second dev set, checking half (never tuned on)' },
  dev3: { file: 'dev3-tune.jsonl', title: 'Third dev set, tuning part (tuned on)' },
  dev3check: { file: 'dev3-check.jsonl', title: 'Third dev set, checking part (never tuned on)' },
  dev4: { file: 'dev4-tune.jsonl', title: 'Hard cases, tuning part (tuned on)' },
  dev4check: { file: 'dev4-check.jsonl', title: 'Hard cases, checking part (never tuned on)' },
  dev5: { file: 'dev5-tune.jsonl', title: 'Fifth dev set, tuning part (tuned on)' },
  dev5check: { file: 'dev5-check.jsonl', title: 'Fifth dev set, checking part (never tuned on)' },
} as const;
type SetName = keyof typeof SETS;

const root = path.resolve(__dirname, '..');

export function readQuestions(file: string): LabelledQuestion[] {
  return fs
    .readFileSync(path.join(root, 'test', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

const percent = (value: Ratio) => (value.total === 0 ? '    -' : `${(value.rate * 100).toFixed(1).padStart(5)}`);

const COLUMNS: readonly [string, (figures: ClassifierFigures) => Ratio][] = [
  ['danger recall', (f) => f.dangerRecall],
  ['now on urgent', (f) => f.urgentRecall],
  ['now on calm', (f) => f.urgentFalsePositiveRate],
  ['unclear on calm', (f) => f.unclearRate],
  ['intent', (f) => f.intentAccuracy],
  ['topic', (f) => f.topicAccuracy],
  ['perspective', (f) => f.perspectiveAccuracy],
];

function row(name: string, figures: ClassifierFigures): string {
  return `${name.padEnd(42)} ${String(figures.questions).padStart(4)} ${COLUMNS.map(([, pick]) => percent(pick(figures)).padStart(column(pick))).join(' ')}`;
}

function column(pick: (figures: ClassifierFigures) => Ratio): number {
  const found = COLUMNS.find(([, candidate]) => candidate === pick);
  return found ? found[0].length : 6;
}

function print(title: string, report: ClassifierReport, showMistakes: boolean): void {
  console.log(`\n${title}: ${report.questions} questions (percentages)`);
  console.log(`${''.padEnd(42)} ${'n'.padStart(4)} ${COLUMNS.map(([name]) => name).join(' ')}`);
  console.log(row('all', report));
  for (const [locale, figures] of Object.entries(report.byLocale)) if (figures) console.log(row(`language ${locale}`, figures));
  for (const [category, figures] of Object.entries(report.byCategory)) console.log(row(`  ${category}`, figures));
  if (!showMistakes) return;
  console.log(`\nMistakes (${report.mistakes.length}):`);
  for (const { expected, actual } of report.mistakes) {
    const label = (q: { intent: string; topic: string | null; perspective: string | null }, danger: string) =>
      `${q.intent}/${q.topic}/${q.perspective}/${danger}`;
    console.log(
      `- [${expected.locale} ${expected.category ?? ''}] ${expected.text}\n    expected ${label(expected, expected.danger ?? (expected.urgent ? 'now' : 'none'))}` +
        `  got ${label(actual, actual.danger)}`,
    );
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const setIndex = argv.indexOf('--set');
  const chosen = setIndex >= 0 ? argv[setIndex + 1] : undefined;
  const names: SetName[] =
    chosen === 'all' ? ['heldout', 'labelled', 'dev', 'olddev', 'dev2', 'dev2check', 'dev3', 'dev3check', 'dev4', 'dev4check', 'dev5', 'dev5check'] : chosen && chosen in SETS ? [chosen as SetName] : ['heldout', 'labelled'];
  const content = loadContent(path.join(root, 'content'));
  const started = performance.now();
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels);
  console.log(`Classifier ${classifier.trainedAtStart ? 'trained' : 'loaded from content/nlu/trained.json'} in ${Math.round(performance.now() - started)} ms`);
  for (const name of names) {
    const { file, title } = SETS[name];
    print(`${title} (test/fixtures/${file})`, await evaluateClassifier(classifier, readQuestions(file)), argv.includes('--mistakes'));
  }
}

if (require.main === module) void main();
