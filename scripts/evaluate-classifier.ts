import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/content/loadContent';
import { createClassifier } from '../src/guidance/classifier';
import { evaluateClassifier, type LabelledQuestion, type Ratio } from '../src/guidance/classifierEvaluation';

/** `npm run evaluate`: the classifier's figures on the labelled test set, as reported in the README. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const content = loadContent(path.join(root, 'content'));
  const classifier = await createClassifier(content.nlu, content.urgentPatterns);
  const questions = fs
    .readFileSync(path.join(root, 'test', 'fixtures', 'labelled-questions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
  const report = await evaluateClassifier(classifier, questions);
  const show = (name: string, value: Ratio) =>
    console.log(`${name.padEnd(28)} ${(value.rate * 100).toFixed(1).padStart(5)}%  (${value.correct}/${value.total})`);
  console.log(`Labelled questions: ${report.questions}`);
  show('intent accuracy', report.intentAccuracy);
  show('topic accuracy', report.topicAccuracy);
  show('perspective accuracy', report.perspectiveAccuracy);
  show('locale detection', report.localeAccuracy);
  show('urgent recall', report.urgentRecall);
  show('urgent false-positive rate', report.urgentFalsePositiveRate);
  if (process.argv.includes('--mistakes')) {
    for (const { expected, actual } of report.mistakes) {
      console.log(
        `- ${expected.text}\n    expected ${expected.intent}/${expected.topic}/${expected.perspective}/${expected.urgent}` +
          `  got ${actual.intent}/${actual.topic}/${actual.perspective}/${actual.urgent}`,
      );
    }
  }
}

void main();
