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

/** The figures of one group of questions (the whole set, one language, one category). */
export interface ClassifierFigures {
  readonly questions: number;
  readonly intentAccuracy: Ratio;
  readonly topicAccuracy: Ratio;
  readonly perspectiveAccuracy: Ratio;
  readonly localeAccuracy: Ratio;
  /** Urgent questions found as `now` (the emergency card first). */
  readonly urgentRecall: Ratio;
  /** Non-urgent questions that got `now`. */
  readonly urgentFalsePositiveRate: Ratio;
  /** Urgent questions that got `now` or `unclear`: the danger question or the emergency card. */
  readonly dangerRecall: Ratio;
  /** Non-urgent questions that got `unclear` (the danger question before the guidance). */
  readonly unclearRate: Ratio;
}

/** The figures the README, the evaluation and the generalisation scripts report, by name, as the test floors name them. */
export const FIGURES = {
  dangerRecall: (figures: ClassifierFigures) => figures.dangerRecall,
  nowOnUrgent: (figures: ClassifierFigures) => figures.urgentRecall,
  nowOnCalm: (figures: ClassifierFigures) => figures.urgentFalsePositiveRate,
  unclearOnCalm: (figures: ClassifierFigures) => figures.unclearRate,
  intent: (figures: ClassifierFigures) => figures.intentAccuracy,
  topic: (figures: ClassifierFigures) => figures.topicAccuracy,
  perspective: (figures: ClassifierFigures) => figures.perspectiveAccuracy,
} as const;
export type FigureName = keyof typeof FIGURES;

export interface ClassifierReport extends ClassifierFigures {
  readonly byLocale: Readonly<Partial<Record<Locale, ClassifierFigures>>>;
  readonly byCategory: Readonly<Record<string, ClassifierFigures>>;
  readonly mistakes: readonly { readonly expected: LabelledQuestion; readonly actual: Classification }[];
}

function ratio(correct: number, total: number): Ratio {
  return { correct, total, rate: total === 0 ? 1 : correct / total };
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
    intentAccuracy: ratio(count(({ question, actual }) => actual.intent === question.intent), outcomes.length),
    topicAccuracy: ratio(withTopic.filter(({ question, actual }) => actual.topic === question.topic).length, withTopic.length),
    perspectiveAccuracy: ratio(
      withPerspective.filter(({ question, actual }) => actual.perspective === question.perspective).length,
      withPerspective.length,
    ),
    localeAccuracy: ratio(count(({ question, actual }) => actual.locale === question.locale), outcomes.length),
    urgentRecall: ratio(urgent.filter(({ actual }) => actual.danger === 'now').length, urgent.length),
    urgentFalsePositiveRate: ratio(calm.filter(({ actual }) => actual.danger === 'now').length, calm.length),
    dangerRecall: ratio(urgent.filter(({ actual }) => actual.danger !== 'none').length, urgent.length),
    unclearRate: ratio(calm.filter(({ actual }) => actual.danger === 'unclear').length, calm.length),
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
