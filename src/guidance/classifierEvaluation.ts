import type { Classification, Classifier } from './classifier';
import type { DangerLevel, Intent, Locale, Perspective, Topic } from './vocabulary';

export interface LabelledQuestion {
  readonly text: string;
  readonly locale: Locale;
  readonly intent: Intent;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  readonly urgent: boolean;
  /** The newer sets label danger as `now` or `none`; older ones only `urgent`. */
  readonly danger?: DangerLevel;
  /** The kind of wording the question stands for ("past-event", "weapon", ...), in the newer sets. */
  readonly category?: string;
}

export interface Ratio {
  readonly correct: number;
  readonly total: number;
  readonly rate: number;
}

/**
 * The figures of one group of questions (the whole set, one language, one category), each under the one name the
 * README, the evaluation and generalisation scripts and the test floors use. A group without the questions a figure
 * counts (no urgent message for `nowOnUrgent`) has rate NaN, so no floor can pass on it unnoticed.
 */
export interface ClassifierFigures {
  readonly questions: number;
  /** Urgent questions that got `now` or `unclear`: the danger question or the emergency card. */
  readonly dangerRecall: Ratio;
  /** Urgent questions found as `now` (the emergency card first). */
  readonly nowOnUrgent: Ratio;
  /** Calm (non-urgent) questions that got `now`. */
  readonly nowOnCalm: Ratio;
  /** Calm questions that got `unclear` (the danger question before the guidance). */
  readonly unclearOnCalm: Ratio;
  readonly intent: Ratio;
  /** Over the questions labelled with a topic. */
  readonly topic: Ratio;
  /** Over the questions labelled with a perspective. */
  readonly perspective: Ratio;
  readonly locale: Ratio;
}

export type FigureName = Exclude<keyof ClassifierFigures, 'questions'>;

export const FIGURE_NAMES: readonly FigureName[] = ['dangerRecall', 'nowOnUrgent', 'nowOnCalm', 'unclearOnCalm', 'intent', 'topic', 'perspective', 'locale'];

/** Floors per figure, as measured and rounded down a little; for `nowOnCalm` and `unclearOnCalm` ceilings. */
export type Floors = Partial<Record<FigureName, number>>;

const RATES_OF_MISTAKES: ReadonlySet<FigureName> = new Set(['nowOnCalm', 'unclearOnCalm']);

/**
 * The figures that miss their floor (rates of mistakes above their ceiling), by name, so a failure says which. A floor on
 * a group without the questions its figure counts is missed too: it would hold nothing, and pass whatever the classifier did.
 */
export function floorsMissed(figures: ClassifierFigures, floors: Floors): Record<string, { measured: number; floor: number }> {
  const missed: Record<string, { measured: number; floor: number }> = {};
  for (const [name, floor] of Object.entries(floors) as [FigureName, number][]) {
    const { rate, total } = figures[name];
    if (total === 0 || (RATES_OF_MISTAKES.has(name) ? rate > floor : rate < floor)) missed[name] = { measured: rate, floor };
  }
  return missed;
}

export interface ClassifierReport extends ClassifierFigures {
  readonly byLocale: Readonly<Partial<Record<Locale, ClassifierFigures>>>;
  readonly byCategory: Readonly<Record<string, ClassifierFigures>>;
  readonly mistakes: readonly { readonly expected: LabelledQuestion; readonly actual: Classification }[];
}

function ratio(correct: number, total: number): Ratio {
  return { correct, total, rate: total === 0 ? Number.NaN : correct / total };
}

interface Outcome {
  readonly question: LabelledQuestion;
  readonly actual: Classification;
}

/** The newer sets say `danger: now`, the older ones `urgent: true`. */
export function isUrgent(question: LabelledQuestion): boolean {
  return question.danger ? question.danger === 'now' : question.urgent;
}

/** Topic and perspective accuracy count only questions that carry that label, the way the guided flow uses them. */
function figures(outcomes: readonly Outcome[]): ClassifierFigures {
  const count = (predicate: (outcome: Outcome) => boolean) => outcomes.filter(predicate).length;
  const withTopic = outcomes.filter(({ question }) => question.topic);
  const withPerspective = outcomes.filter(({ question }) => question.perspective);
  const urgent = outcomes.filter(({ question }) => isUrgent(question));
  const calm = outcomes.filter(({ question }) => !isUrgent(question));
  return {
    questions: outcomes.length,
    dangerRecall: ratio(urgent.filter(({ actual }) => actual.danger !== 'none').length, urgent.length),
    nowOnUrgent: ratio(urgent.filter(({ actual }) => actual.danger === 'now').length, urgent.length),
    nowOnCalm: ratio(calm.filter(({ actual }) => actual.danger === 'now').length, calm.length),
    unclearOnCalm: ratio(calm.filter(({ actual }) => actual.danger === 'unclear').length, calm.length),
    intent: ratio(count(({ question, actual }) => actual.intent === question.intent), outcomes.length),
    topic: ratio(withTopic.filter(({ question, actual }) => actual.topic === question.topic).length, withTopic.length),
    perspective: ratio(
      withPerspective.filter(({ question, actual }) => actual.perspective === question.perspective).length,
      withPerspective.length,
    ),
    locale: ratio(count(({ question, actual }) => actual.locale === question.locale), outcomes.length),
  };
}

function isMistake({ question, actual }: Outcome): boolean {
  const expectedDanger: DangerLevel = isUrgent(question) ? 'now' : 'none';
  return (
    actual.intent !== question.intent ||
    (question.topic !== null && actual.topic !== question.topic) ||
    (question.perspective !== null && actual.perspective !== question.perspective) ||
    actual.danger !== expectedDanger
  );
}

function groupBy(outcomes: readonly Outcome[], key: (outcome: Outcome) => string | undefined): Record<string, ClassifierFigures> {
  const groups = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const name = key(outcome);
    if (name === undefined) continue;
    groups.set(name, [...(groups.get(name) ?? []), outcome]);
  }
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, figures(group)]));
}

/** Measures the classifier on a labelled set, in total, per language and per category. */
export async function evaluateClassifier(classifier: Classifier, questions: readonly LabelledQuestion[]): Promise<ClassifierReport> {
  const outcomes: Outcome[] = [];
  for (const question of questions) outcomes.push({ question, actual: await classifier.classify(question.text) });
  return {
    ...figures(outcomes),
    byLocale: groupBy(outcomes, ({ question }) => question.locale),
    byCategory: groupBy(outcomes, ({ question }) => (question.category ? `${question.locale} ${question.category}` : undefined)),
    mistakes: outcomes.filter(isMistake).map(({ question, actual }) => ({ expected: question, actual })),
  };
}
