import { createHash } from 'node:crypto';
import { isUrgent, type LabelledQuestion, type Ratio } from '../src/guidance/classifierEvaluation';
import { readFixtureLines, readQuestions } from './evaluationSets';

/**
 * A second, blind annotation: three annotators who never saw the sets' labels nor the classifier labelled
 * the held-out set and dev5-check again from the written guide. The file holds no message text: each line
 * is keyed by a digest of its message's text.
 */
export const SECOND_ANNOTATION_FILE = 'second-annotation.jsonl';

/** One message labelled a second time; `textSha256` is the first 16 hex digits of the SHA-256 of its text. */
export interface SecondLabels {
  readonly set: string;
  readonly textSha256: string;
  readonly intent: LabelledQuestion['intent'];
  readonly topic: LabelledQuestion['topic'];
  readonly perspective: LabelledQuestion['perspective'];
  readonly danger: 'now' | 'none';
  /** False when the annotator hesitated between two labels for any field. */
  readonly sure: boolean;
}

export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The questions of an annotated set with the second annotation's labels instead of their own. */
export function secondlyLabelled(file: string): LabelledQuestion[] {
  const second = new Map(
    readFixtureLines<SecondLabels>(SECOND_ANNOTATION_FILE)
      .filter((labels) => labels.set === file)
      .map((labels) => [labels.textSha256, labels]),
  );
  return readQuestions(file).map((question) => {
    const labels = second.get(textDigest(question.text));
    if (!labels) throw new Error(`${SECOND_ANNOTATION_FILE} has no labels for a question of ${file}`);
    const { intent, topic, perspective, danger } = labels;
    return { ...question, intent, topic, perspective, danger, urgent: danger === 'now' };
  });
}

/** How often two labellings of the same questions agree, counted the way evaluateClassifier counts accuracy (topic and perspective where the first has one). */
export function agreement(first: readonly LabelledQuestion[], second: readonly LabelledQuestion[]): Record<'intent' | 'topic' | 'perspective' | 'danger', Ratio> {
  const count = (applies: (a: LabelledQuestion) => boolean, same: (a: LabelledQuestion, b: LabelledQuestion) => boolean): Ratio => {
    let total = 0;
    let correct = 0;
    first.forEach((a, index) => {
      if (!applies(a)) return;
      total += 1;
      if (same(a, second[index])) correct += 1;
    });
    return { correct, total, rate: total === 0 ? 1 : correct / total };
  };
  return {
    intent: count(() => true, (a, b) => a.intent === b.intent),
    topic: count((a) => a.topic !== null, (a, b) => a.topic === b.topic),
    perspective: count((a) => a.perspective !== null, (a, b) => a.perspective === b.perspective),
    danger: count(() => true, (a, b) => isUrgent(a) === isUrgent(b)),
  };
}
