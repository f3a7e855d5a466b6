import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import type { NluExample } from '../src/content/contentSchema';
import { createClassifier } from '../src/guidance/classifier';
import { compileDangerCues, trainDangerModel, trainFieldModel } from '../src/guidance/classifier/danger';
import { DANGER_THRESHOLDS, type DangerThresholds } from '../src/guidance/classifier/dangerModel';
import { evaluateClassifier, FIGURE_NAMES, isUrgent, type ClassifierFigures, type ClassifierReport, type FigureName } from '../src/guidance/classifierEvaluation';
import { detectLocale } from '../src/guidance/languageDetection';
import { LOCALES } from '../src/guidance/vocabulary';
import { tuneExamples } from './build-nlu';
import { EVALUATION_SETS, LEARNING_MODELS, readQuestions, setOfFile, TUNE_SETS, tuneSetFile, tuneSetsOf, type LearningModel, type TuneSets } from './evaluationSets';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run --silent nlu:generalisation [-- --with dev4-tune.jsonl [--models topic,perspective]] [-- --without dev5-tune.jsonl] [-- --check] [-- --mistakes] [-- --danger-curve]`:
 * how well intent, topic, perspective and the danger levels carry over to writers the models never read. Each
 * tune set was written by other writers, so training on all tune sets but one and measuring on the one left out
 * is the closest stand-in for the held-out set that may be tuned against. Two tables: intent, topic and
 * perspective; then the danger levels (danger recall, `now` on urgent, `now` on calm, `unclear` on calm), with
 * the counts behind each rate, since a set holds few urgent messages and one message moves its rate by points.
 * Each model learns from its own tune sets (TUNE_SETS, from `learnedBy` in evaluationSets.ts); a left-out set is left out of all of
 * them. The danger figures come from the rules and the danger model trained without the left-out set. `--with`
 * adds sets to the tune sets of every model, or of the `--models` named (to try a set before it joins
 * TUNE_SETS), `--without` drops some from all (to see what a set teaches the others); `--check` also trains on
 * all of them and measures the checking sets. Models are trained in memory from today's code and content;
 * content/nlu is not written. `--mistakes` lists what the left-out tune sets got wrong, danger misses and `now`
 * on calm among them (never the checking sets'). `--danger-curve` instead trains only the danger and field models
 * without each file they learn and prints the danger levels at every operating point, pooled, then each file at
 * today's (DANGER_THRESHOLDS): how the operating point is chosen, and how a set is tried for those two models.
 */

const showMistakes = process.argv.includes('--mistakes');

/** What `--check` measures: the sets anyone may measure that no model learns from; the sets only the lead measures never. */
const CHECK_SETS = EVALUATION_SETS.filter((set) => set.role === 'check' || set.role === 'measureOnly').map((set) => set.file);

const LABEL_FIGURES = ['intent', 'topic', 'perspective'] as const;
const DANGER_FIGURES = ['dangerRecall', 'nowOnUrgent', 'nowOnCalm', 'unclearOnCalm'] as const;
type Counts = Record<FigureName, { correct: number; total: number }>;

const emptyCounts = (): Counts => Object.fromEntries(FIGURE_NAMES.map((name) => [name, { correct: 0, total: 0 }])) as Counts;

function add(counts: Counts, figures: ClassifierFigures | Counts | undefined): void {
  if (!figures) return;
  for (const name of FIGURE_NAMES) {
    const ratio = 'questions' in figures ? (figures as ClassifierFigures)[name] : (figures as Counts)[name];
    counts[name].correct += ratio.correct;
    counts[name].total += ratio.total;
  }
}

const percent = ({ correct, total }: { correct: number; total: number }) => (total === 0 ? '    -' : ((100 * correct) / total).toFixed(1).padStart(5));
/** A rate with its counts: "98.8 (80/81)". */
const rateWithCounts = (ratio: { correct: number; total: number }) => `${percent(ratio)} ${`(${ratio.correct}/${ratio.total})`.padEnd(9)}`;

function labelLine(name: string, perLocale: Record<string, Counts>): string {
  return `${name.padEnd(24)} ${LOCALES.map((locale) => `${locale} ${LABEL_FIGURES.map((figure) => percent(perLocale[locale][figure])).join(' ')}`).join('   ')}`;
}

function dangerLine(name: string, perLocale: Record<string, Counts>): string {
  return `${name.padEnd(24)} ${LOCALES.map((locale) => `${locale} ${DANGER_FIGURES.map((figure) => rateWithCounts(perLocale[locale][figure])).join(' ')}`).join('  ')}`;
}

const LABEL_HEADER = `${''.padEnd(24)} ${LOCALES.map((locale) => `${locale} intnt topic persp`).join('   ')}`;
const DANGER_HEADER = `${'danger'.padEnd(24)} ${LOCALES.map((locale) => `${locale} ${['danger recall', 'now on urgent', 'now on calm', 'unclear on calm'].map((title) => title.padEnd(15)).join(' ')}`).join('  ')}`;

/** The tune sets are ours to read: what the left-out writers said that the others did not teach. */
function printMistakes(file: string, report: ClassifierReport): void {
  for (const { expected, actual } of report.mistakes) {
    const wrong = [
      actual.intent !== expected.intent ? `intent ${expected.intent}->${actual.intent}` : '',
      expected.topic !== null && actual.topic !== expected.topic ? `topic ${expected.topic}->${actual.topic}` : '',
      expected.perspective !== null && actual.perspective !== expected.perspective ? `perspective ${expected.perspective}->${actual.perspective}` : '',
      // Danger as its figures count it: an urgent message without `now` or the danger question, a calm one with `now`.
      isUrgent(expected) && actual.danger === 'none' ? 'danger missed' : '',
      !isUrgent(expected) && actual.danger === 'now' ? 'danger now on calm' : '',
    ].filter(Boolean);
    if (wrong.length > 0) console.log(`- [${file} ${expected.locale} ${expected.category ?? ''}] ${wrong.join(', ')}: ${expected.text}`);
  }
}

/** Trains on `trainingSets` and measures each of `measuredSets`, per language. */
async function measure(trainingSets: TuneSets, measuredSets: readonly string[]): Promise<Record<string, Counts>[]> {
  const content = loadContent(path.resolve(__dirname, '..', 'content'), { ignoreTrainedModels: true });
  const examples: NluExample[] = tuneExamples(trainingSets);
  const classifier = await createClassifier(content.nlu, content.dangerCues, examples, undefined, content.realWords);
  const results: Record<string, Counts>[] = [];
  for (const file of measuredSets) {
    const report = await evaluateClassifier(classifier, readQuestions(file));
    // Only the left-out tune sets' mistakes: the checking parts' are read with `npm run evaluate -- --mistakes`, set by set.
    if (showMistakes && setOfFile(file).role === 'tune') printMistakes(file, report);
    const perLocale: Record<string, Counts> = {};
    for (const locale of LOCALES) {
      perLocale[locale] = emptyCounts();
      add(perLocale[locale], report.byLocale[locale]);
    }
    results.push(perLocale);
  }
  return results;
}

/** The files after `flag` ("--with a.jsonl,b.jsonl"). */
function listed(argv: readonly string[], flag: string): string[] {
  return argv.flatMap((argument, index) => (argv[index - 1] === flag ? argument.split(',') : []));
}

/** Each model's sets changed by `change`. */
function eachModel(sets: TuneSets, change: (model: LearningModel, files: readonly string[]) => readonly string[]): TuneSets {
  return Object.fromEntries(LEARNING_MODELS.map((model) => [model, change(model, sets[model])])) as unknown as TuneSets;
}

/** The operating points `--danger-curve` measures: the danger model's cut for the question, and the field model's. */
const UNCLEAR_CUTS = [0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3] as const;
const FIELD_CUTS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7] as const;

interface CurvePoint {
  readonly thresholds: DangerThresholds;
  /** Per language: urgent messages missed (neither `now` nor the question), calm messages asked, calm messages given `now`. */
  readonly byLocale: Record<string, { missed: number; urgent: number; calmUnclear: number; calmNow: number; calm: number; urgentNow: number }>;
}

/**
 * `--danger-curve`: the price of the safety net by writer. For each tune file the danger or field model learns, both models
 * are trained without it (only they: the other models do not touch the danger level) and the file is measured at every
 * operating point of UNCLEAR_CUTS x FIELD_CUTS; the counts are pooled over the files left out, per language (the label's).
 */
async function dangerCurve(sets: TuneSets): Promise<{ points: CurvePoint[]; byFile: string[] }> {
  const content = loadContent(path.resolve(__dirname, '..', 'content'), { ignoreTrainedModels: true });
  const points: CurvePoint[] = UNCLEAR_CUTS.flatMap((unclear) =>
    FIELD_CUTS.map((field) => ({
      thresholds: { unclear, field },
      byLocale: Object.fromEntries(LOCALES.map((locale) => [locale, { missed: 0, urgent: 0, calmUnclear: 0, calmNow: 0, calm: 0, urgentNow: 0 }])),
    })),
  );
  const files = [...new Set([...sets.danger, ...sets.selfHarmField])];
  const byFile: string[] = [];
  for (const left of files) {
    const examples = tuneExamples(eachModel(sets, (_, list) => list.filter((file) => file !== left)));
    const labelled = (label: 'danger' | 'selfHarmField') => ({
      now: examples.filter((example) => example[label] === 'now').map((example) => example.text),
      none: examples.filter((example) => example[label] === 'none').map((example) => example.text),
    });
    const dangerModel = trainDangerModel(content.dangerCues, labelled('danger'));
    const fieldModel = trainFieldModel(content.dangerCues, labelled('selfHarmField'));
    const questions = readQuestions(left);
    // Each file at today's operating point, so a change can be seen writer by writer.
    const today = compileDangerCues(content.dangerCues, dangerModel, fieldModel);
    const perLocale = LOCALES.map((locale) => {
      const own = questions.filter((question) => question.locale === locale);
      if (own.length === 0) return '';
      const levels = own.map((question) => {
        const text = question.text.normalize('NFKC').trim();
        return { urgent: isUrgent(question), level: today(text, detectLocale(text)).level };
      });
      const urgent = levels.filter((entry) => entry.urgent);
      const calm = levels.filter((entry) => !entry.urgent);
      return `${locale} missed ${urgent.filter((entry) => entry.level === 'none').length}/${urgent.length}, unclear on calm ${calm.filter((entry) => entry.level === 'unclear').length}/${calm.length}`;
    });
    byFile.push(`${left.replace('.jsonl', '').padEnd(24)} ${perLocale.filter(Boolean).join('   ')}`);
    for (const point of points) {
      const assess = compileDangerCues(content.dangerCues, dangerModel, fieldModel, { en: point.thresholds, nl: point.thresholds });
      for (const question of questions) {
        const text = question.text.normalize('NFKC').trim();
        const level = assess(text, detectLocale(text)).level;
        const counts = point.byLocale[question.locale];
        if (isUrgent(question)) {
          counts.urgent += 1;
          if (level === 'none') counts.missed += 1;
          if (level === 'now') counts.urgentNow += 1;
        } else {
          counts.calm += 1;
          if (level === 'unclear') counts.calmUnclear += 1;
          if (level === 'now') counts.calmNow += 1;
        }
      }
    }
    console.error(`left out ${left}`);
  }
  return { points, byFile };
}

function printCurve(points: readonly CurvePoint[]): void {
  const share = (count: number, total: number) => `${((100 * count) / total).toFixed(1).padStart(5)}%`;
  console.log(`danger cut  field cut    ${LOCALES.map((locale) => `${locale}: missed/urgent  unclear on calm  now on calm  now on urgent`).join('   ')}`);
  for (const { thresholds, byLocale } of points) {
    const columns = LOCALES.map((locale) => {
      const c = byLocale[locale];
      const current = thresholds.unclear === DANGER_THRESHOLDS[locale].unclear && thresholds.field === DANGER_THRESHOLDS[locale].field ? '*' : ' ';
      return `${current}${`${c.missed}/${c.urgent}`.padStart(15)} ${share(c.calmUnclear, c.calm)} (${c.calmUnclear})`.padEnd(33) + `${share(c.calmNow, c.calm)}`.padEnd(13) + share(c.urgentNow, c.urgent);
    });
    console.log(`${thresholds.unclear.toFixed(3).padStart(10)} ${thresholds.field.toFixed(2).padStart(10)}   ${columns.join('   ')}`);
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // Refused before any file is opened: an experiment may learn only what a model is allowed to learn.
  const without = listed(argv, '--without').map(tuneSetFile);
  const added = listed(argv, '--with').map(tuneSetFile);
  const modelsNamed = listed(argv, '--models');
  const unknown = modelsNamed.filter((model) => !(LEARNING_MODELS as readonly string[]).includes(model));
  if (unknown.length > 0) throw new Error(`--models: ${unknown.join(', ')} is not one of ${LEARNING_MODELS.join(', ')}`);
  const addsTo = (model: LearningModel) => modelsNamed.length === 0 || modelsNamed.includes(model);
  const sets = eachModel(TUNE_SETS, (model, files) =>
    [...files, ...(addsTo(model) ? added.filter((file) => !files.includes(file)) : [])].filter((file) => !without.includes(file)),
  );
  if (argv.includes('--danger-curve')) {
    const { points, byFile } = await dangerCurve(sets);
    printCurve(points);
    console.log('\nEach file left out, at the operating point of DANGER_THRESHOLDS:');
    for (const line of byFile) console.log(line);
    return 0;
  }
  const rows: [string, Record<string, Counts>][] = [];
  const pooled: Record<string, Counts> = Object.fromEntries(LOCALES.map((locale) => [locale, emptyCounts()]));
  for (const left of tuneSetsOf(sets)) {
    const [figures] = await measure(
      eachModel(sets, (_, files) => files.filter((file) => file !== left)),
      [left],
    );
    for (const locale of LOCALES) add(pooled[locale], figures[locale]);
    rows.push([`without ${left.replace('.jsonl', '')}`, figures]);
  }
  rows.push(['left out, pooled', pooled]);
  if (argv.includes('--check')) {
    const figures = await measure(sets, CHECK_SETS);
    CHECK_SETS.forEach((file, index) => rows.push([file.replace('.jsonl', ''), figures[index]]));
  }
  console.log(LABEL_HEADER);
  for (const [name, figures] of rows) console.log(labelLine(name, figures));
  console.log(`\n${DANGER_HEADER}`);
  for (const [name, figures] of rows) console.log(dangerLine(name, figures));
  return 0;
}

if (require.main === module) runScriptMain(main, 'The generalisation could not be measured.');
