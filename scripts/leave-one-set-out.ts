import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import type { NluExample } from '../src/content/contentSchema';
import { createClassifier } from '../src/guidance/classifier';
import { evaluateClassifier, type ClassifierFigures, type ClassifierReport, type Ratio } from '../src/guidance/classifierEvaluation';
import { LOCALES } from '../src/guidance/vocabulary';
import { TUNE_SETS, tuneExample } from './build-nlu';
import { readQuestions } from './evaluate-classifier';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run --silent nlu:generalisation [-- --with dev4-tune.jsonl] [-- --check] [-- --mistakes]`: how well intent, topic and
 * perspective carry over to writers the models never read. Each tune set was written by other writers, so
 * training on all tune sets but one and measuring on the one left out is the closest stand-in for the
 * held-out set that may be tuned against. `--with` adds sets to the tune sets (to try a set before it joins
 * TUNE_SETS); `--check` also trains on all of them and measures the checking sets. Models are trained in
 * memory from today's code and content; content/nlu is not written. `--mistakes` lists what the left-out
 * tune sets got wrong (never the checking sets').
 */

const showMistakes = process.argv.includes('--mistakes');

const CHECK_SETS = ['dev2-check.jsonl', 'dev3-check.jsonl', 'dev4-check.jsonl', 'dev5-check.jsonl', 'dev6-check.jsonl', 'dev7-check.jsonl'] as const;

type Counts = Record<'intent' | 'topic' | 'perspective', { correct: number; total: number }>;

const emptyCounts = (): Counts => ({ intent: { correct: 0, total: 0 }, topic: { correct: 0, total: 0 }, perspective: { correct: 0, total: 0 } });

function add(counts: Counts, figures: ClassifierFigures | undefined): void {
  if (!figures) return;
  const pairs: [keyof Counts, Ratio][] = [
    ['intent', figures.intentAccuracy],
    ['topic', figures.topicAccuracy],
    ['perspective', figures.perspectiveAccuracy],
  ];
  for (const [name, ratio] of pairs) {
    counts[name].correct += ratio.correct;
    counts[name].total += ratio.total;
  }
}

const percent = ({ correct, total }: { correct: number; total: number }) => (total === 0 ? '    -' : ((100 * correct) / total).toFixed(1).padStart(5));

function line(name: string, perLocale: Record<string, Counts>): string {
  return `${name.padEnd(24)} ${LOCALES.map((locale) => `${locale} ${percent(perLocale[locale].intent)} ${percent(perLocale[locale].topic)} ${percent(perLocale[locale].perspective)}`).join('   ')}`;
}

function exists(file: string): boolean {
  try {
    readQuestions(file);
    return true;
  } catch {
    return false;
  }
}

/** The tune sets are ours to read: what the left-out writers said that the others did not teach. */
function printMistakes(file: string, report: ClassifierReport): void {
  for (const { expected, actual } of report.mistakes) {
    const wrong = [
      actual.intent !== expected.intent ? `intent ${expected.intent}->${actual.intent}` : '',
      expected.topic !== null && actual.topic !== expected.topic ? `topic ${expected.topic}->${actual.topic}` : '',
      expected.perspective !== null && actual.perspective !== expected.perspective ? `perspective ${expected.perspective}->${actual.perspective}` : '',
    ].filter(Boolean);
    if (wrong.length > 0) console.log(`- [${file} ${expected.locale} ${expected.category ?? ''}] ${wrong.join(', ')}: ${expected.text}`);
  }
}

/** Trains on `trainingSets` and measures each of `measuredSets`, per language. */
async function measure(trainingSets: readonly string[], measuredSets: readonly string[]): Promise<Record<string, Counts>[]> {
  const content = loadContent(path.resolve(__dirname, '..', 'content'), { ignoreTrainedModels: true });
  const examples: NluExample[] = trainingSets.flatMap((file) => readQuestions(file).map(tuneExample));
  const classifier = await createClassifier(content.nlu, content.dangerCues, examples);
  const results: Record<string, Counts>[] = [];
  for (const file of measuredSets) {
    const report = await evaluateClassifier(classifier, readQuestions(file));
    if (showMistakes && !file.endsWith('-check.jsonl')) printMistakes(file, report);
    const perLocale: Record<string, Counts> = {};
    for (const locale of LOCALES) {
      perLocale[locale] = emptyCounts();
      add(perLocale[locale], report.byLocale[locale]);
    }
    results.push(perLocale);
  }
  return results;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const extra = argv.flatMap((argument, index) => (argv[index - 1] === '--with' ? argument.split(',') : []));
  const sets = [...TUNE_SETS, ...extra.filter((file) => !(TUNE_SETS as readonly string[]).includes(file))];
  console.log(`${''.padEnd(24)} ${LOCALES.map((locale) => `${locale} intnt topic persp`).join('   ')}`);
  const pooled: Record<string, Counts> = Object.fromEntries(LOCALES.map((locale) => [locale, emptyCounts()]));
  for (const left of sets) {
    const [figures] = await measure(
      sets.filter((file) => file !== left),
      [left],
    );
    for (const locale of LOCALES) {
      for (const name of ['intent', 'topic', 'perspective'] as const) {
        pooled[locale][name].correct += figures[locale][name].correct;
        pooled[locale][name].total += figures[locale][name].total;
      }
    }
    console.log(line(`without ${left.replace('.jsonl', '')}`, figures));
  }
  console.log(line('left out, pooled', pooled));
  if (argv.includes('--check')) {
    const checks = CHECK_SETS.filter(exists);
    const figures = await measure(sets, checks);
    checks.forEach((file, index) => console.log(line(file.replace('.jsonl', ''), figures[index])));
  }
  return 0;
}

if (require.main === module) runScriptMain(main, 'The generalisation could not be measured.');
