import type { Classification, Classifier } from './classifier';
import type { Intent, Locale, Perspective, Topic } from './vocabulary';

export interface LabelledQuestion {
  readonly text: string;
  readonly locale: Locale;
  readonly intent: Intent;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  readonly urgent: boolean;
}

export interface Ratio {
  readonly correct: number;
  readonly total: number;
  readonly rate: number;
}

export interface ClassifierReport {
  readonly questions: number;
  readonly intentAccuracy: Ratio;
  readonly topicAccuracy: Ratio;
  readonly perspectiveAccuracy: Ratio;
  readonly localeAccuracy: Ratio;
  readonly urgentRecall: Ratio;
  readonly urgentFalsePositiveRate: Ratio;
  readonly mistakes: readonly { readonly expected: LabelledQuestion; readonly actual: Classification }[];
}

function ratio(correct: number, total: number): Ratio {
  return { correct, total, rate: total === 0 ? 1 : correct / total };
}

/**
 * Measures the classifier on a labelled set. Topic and perspective accuracy count only
 * questions that carry that label, the way the guided flow uses them.
 */
export async function evaluateClassifier(classifier: Classifier, questions: readonly LabelledQuestion[]): Promise<ClassifierReport> {
  let intent = 0, topic = 0, topicTotal = 0, perspective = 0, perspectiveTotal = 0, locale = 0;
  let urgentFound = 0, urgentTotal = 0, falseAlarms = 0, calmTotal = 0;
  const mistakes: { expected: LabelledQuestion; actual: Classification }[] = [];
  for (const question of questions) {
    const actual = await classifier.classify(question.text);
    let wrong = false;
    if (actual.intent === question.intent) intent += 1;
    else wrong = true;
    if (actual.locale === question.locale) locale += 1;
    if (question.topic) {
      topicTotal += 1;
      if (actual.topic === question.topic) topic += 1;
      else wrong = true;
    }
    if (question.perspective) {
      perspectiveTotal += 1;
      if (actual.perspective === question.perspective) perspective += 1;
      else wrong = true;
    }
    if (question.urgent) {
      urgentTotal += 1;
      if (actual.urgent) urgentFound += 1;
      else wrong = true;
    } else {
      calmTotal += 1;
      if (actual.urgent) {
        falseAlarms += 1;
        wrong = true;
      }
    }
    if (wrong) mistakes.push({ expected: question, actual });
  }
  return {
    questions: questions.length,
    intentAccuracy: ratio(intent, questions.length),
    topicAccuracy: ratio(topic, topicTotal),
    perspectiveAccuracy: ratio(perspective, perspectiveTotal),
    localeAccuracy: ratio(locale, questions.length),
    urgentRecall: ratio(urgentFound, urgentTotal),
    urgentFalsePositiveRate: ratio(falseAlarms, calmTotal),
    mistakes,
  };
}
