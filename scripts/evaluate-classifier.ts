import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import { createClassifier, type Classifier } from '../src/guidance/classifier';
import { evaluateClassifier, type ClassifierFigures, type FigureName, type ClassifierReport, type LabelledQuestion, type Ratio } from '../src/guidance/classifierEvaluation';
import { EVALUATION_SETS, mistakesMayBeRead, readQuestions, setNamed, type EvaluationSet } from './evaluationSets';
import { runScriptMain } from './runScriptMain';
import { lineSeed, misspell } from './misspell';
import { agreement, secondlyLabelled } from './secondAnnotation';

/**
 * `npm run evaluate [-- --set <name>|all] [-- --mistakes]`: the classifier's figures as the README reports
 * them, per language and per category. The set names and their roles: scripts/evaluationSets.ts. Without
 * `--set`, the held-out set (written apart from the training data, never tuned on) and the older labelled
 * set, which only the lead measures; a name it does not know is refused, never read as no name.
 * `--mistakes` lists a named set's mistakes when its role lets them be read.
 *
 * `npm run evaluate -- --summary`: the measure-only sets (held-out and the checking parts), one
 * markdown row per set and language, as the README's table shows them.
 *
 * `npm run evaluate -- --set <name> --misspell <seed> [--rate 0.2]`: the same set with typing errors in its texts
 * (scripts/misspell.ts, each line mistyped as `npm run misspell` mistypes it), labels unchanged: how far the classifier
 * reads through a phone's typos. Only for a set anyone may read; the lead mistypes the others with the CLI.
 *
 * `npm run evaluate -- --agreement`: how far human labels agree (scripts/secondAnnotation.ts), per set
 * and language: the sets' labels against the second annotation, and the classifier against each.
 */

const root = path.resolve(__dirname, '..');

const percent = (value: Ratio) => (value.total === 0 ? '    -' : `${(value.rate * 100).toFixed(1).padStart(5)}`);

const COLUMNS: readonly [string, (figures: ClassifierFigures) => Ratio][] = (
  [
    ['danger recall', 'dangerRecall'],
    ['now on urgent', 'nowOnUrgent'],
    ['now on calm', 'nowOnCalm'],
    ['unclear on calm', 'unclearOnCalm'],
    ['intent', 'intent'],
    ['topic', 'topic'],
    ['perspective', 'perspective'],
  ] as const satisfies readonly (readonly [string, FigureName])[]
).map(([title, name]) => [title, (figures: ClassifierFigures) => figures[name]]);

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

async function printAgreement(classifier: Classifier): Promise<void> {
  console.log('\nSecond annotation (three annotators, blind to the labels and the classifier): agreement in percent');
  console.log(`${''.padEnd(50)} ${'n'.padStart(4)} intent topic perspective danger`);
  const line = (name: string, n: number, ratios: Record<'intent' | 'topic' | 'perspective' | 'danger', Ratio>) =>
    console.log(`${name.padEnd(50)} ${String(n).padStart(4)} ${percent(ratios.intent).padStart(6)} ${percent(ratios.topic)} ${percent(ratios.perspective).padStart(11)} ${percent(ratios.danger).padStart(6)}`);
  for (const name of ['heldout', 'dev5check'] as const) {
    const { file } = setNamed(name);
    const labelled = readQuestions(file);
    const second = secondlyLabelled(file);
    for (const locale of ['en', 'nl'] as const) {
      const ofLocale = (questions: readonly LabelledQuestion[]) => questions.filter((question) => question.locale === locale);
      const [a, b] = [ofLocale(labelled), ofLocale(second)];
      line(`${name} ${locale}: labels vs second annotation`, a.length, agreement(a, b));
      for (const [against, questions] of [['labels', a], ['second annotation', b]] as const) {
        const report = await evaluateClassifier(classifier, questions);
        line(`${name} ${locale}: classifier vs ${against}`, questions.length, {
          intent: report.intent,
          topic: report.topic,
          perspective: report.perspective,
          danger: report.dangerRecall,
        });
      }
    }
  }
  console.log('(the classifier\'s danger column is danger recall: now or unclear on urgent messages)');
}

async function printSummary(classifier: Classifier): Promise<void> {
  const cell = (value: Ratio) => (value.total === 0 ? '-' : `${(value.rate * 100).toFixed(1)}`);
  console.log(`| set | language | n | ${COLUMNS.map(([name]) => name).join(' | ')} |`);
  console.log(`| --- | --- | --- | ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const { file } of EVALUATION_SETS.filter((set) => set.role !== 'tune')) {
    const report = await evaluateClassifier(classifier, readQuestions(file));
    for (const [locale, figures] of Object.entries(report.byLocale)) {
      if (figures) console.log(`| ${file.replace('.jsonl', '')} | ${locale} | ${figures.questions} | ${COLUMNS.map(([, pick]) => cell(pick(figures))).join(' | ')} |`);
    }
  }
}

const FLAGS = ['--set', '--mistakes', '--summary', '--agreement'] as const;
const VALUED_FLAGS = ['--set', '--misspell', '--rate'] as const;
const DEFAULT_MISSPELL_RATE = 0.2;

interface Request {
  readonly sets: readonly EvaluationSet[];
  readonly mistakes: boolean;
  readonly summary: boolean;
  readonly agreement: boolean;
  /** Mistype each text with this seed and rate first (scripts/misspell.ts). */
  readonly misspelled?: { readonly seed: number; readonly rate: number };
}

/** Every argument is one it knows: a misspelt flag or set name is refused with what it takes, so nothing falls back to the held-out set. */
function parseArguments(argv: readonly string[]): Request {
  const valueOf = (flag: (typeof VALUED_FLAGS)[number]): string | undefined => {
    const index = argv.indexOf(flag);
    if (index < 0) return undefined;
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(flag === '--set' ? `--set needs a name: ${EVALUATION_SETS.map((set) => set.name).join(', ')}, or all.` : `${flag} needs a number.`);
    }
    return value;
  };
  const chosen = valueOf('--set');
  const valueIndices = new Set(VALUED_FLAGS.map((flag) => argv.indexOf(flag)).filter((index) => index >= 0).map((index) => index + 1));
  const unknown = argv.filter((argument, index) => !(FLAGS as readonly string[]).includes(argument) && !(VALUED_FLAGS as readonly string[]).includes(argument) && !valueIndices.has(index));
  if (unknown.length > 0) throw new Error(`Not an argument of npm run evaluate: ${unknown.join(' ')}. It takes --set <name>|all, --mistakes, --summary, --agreement, --misspell <seed> [--rate <0 to 1>].`);
  const mistakes = argv.includes('--mistakes');
  // Mistakes are read set by set: without a name they would come with the held-out figures, which only the lead measures.
  if (mistakes && chosen === undefined) throw new Error('--mistakes needs --set <name>: the set whose mistakes to list.');
  const sets = chosen === undefined ? [setNamed('heldout'), setNamed('labelled')] : chosen === 'all' ? EVALUATION_SETS : [setNamed(chosen)];
  const [seedText, rateText] = [valueOf('--misspell'), valueOf('--rate')];
  if (rateText !== undefined && seedText === undefined) throw new Error('--rate goes with --misspell <seed>.');
  let misspelled: Request['misspelled'];
  if (seedText !== undefined) {
    const [seed, rate] = [Number(seedText), rateText === undefined ? DEFAULT_MISSPELL_RATE : Number(rateText)];
    if (!Number.isInteger(seed)) throw new Error('--misspell needs a whole number: the seed.');
    if (!(rate >= 0 && rate <= 1)) throw new Error('--rate needs a number from 0 to 1.');
    // Sets nobody reads are mistyped by the lead alone, with a seed nobody tuned on (`npm run misspell`).
    if (chosen === undefined || sets.some((set) => set.role === 'neverRead')) throw new Error('--misspell needs --set <name> of a set anyone may read: the lead mistypes the others with npm run misspell.');
    misspelled = { seed, rate };
  }
  return { sets, mistakes, summary: argv.includes('--summary'), agreement: argv.includes('--agreement'), misspelled };
}

/** The set's messages as `npm run misspell` would write them: line n of the file gets the seed of line n. */
function questionsOf(set: EvaluationSet, misspelled: Request['misspelled']): LabelledQuestion[] {
  const questions = readQuestions(set.file);
  if (!misspelled) return questions;
  return questions.map((question, index) => ({ ...question, text: misspell(question.text, lineSeed(misspelled.seed, index + 1), misspelled.rate) }));
}

async function main(): Promise<number> {
  const request = parseArguments(process.argv.slice(2));
  const content = loadContent(path.join(root, 'content'));
  const started = performance.now();
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  console.log(`Classifier ${classifier.trainedInsteadOfLoaded ? 'trained' : 'loaded from content/nlu/trained.json'} in ${Math.round(performance.now() - started)} ms`);
  if (request.agreement) {
    await printAgreement(classifier);
    return 0;
  }
  if (request.summary) {
    await printSummary(classifier);
    return 0;
  }
  for (const set of request.sets) {
    const showMistakes = request.mistakes && mistakesMayBeRead(set);
    const typos = request.misspelled ? `, misspelled with seed ${request.misspelled.seed} at rate ${request.misspelled.rate}` : '';
    print(`${set.title} (test/fixtures/${set.file}${typos})`, await evaluateClassifier(classifier, questionsOf(set, request.misspelled)), showMistakes);
    if (request.mistakes && !showMistakes) console.log('(its mistakes are not shown: nobody reads this set, or it would stop measuring new wording)');
  }
  return 0;
}

if (require.main === module) runScriptMain(main, 'The classifier could not be evaluated.');
