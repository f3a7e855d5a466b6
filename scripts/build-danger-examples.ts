import fs from 'node:fs';
import path from 'node:path';
import { readQuestions } from './evaluate-classifier';

/**
 * `npx ts-node --transpile-only scripts/build-danger-examples.ts`: writes content/nlu/danger-examples.json,
 * the messages the danger model learns from, from the tune sets only. The held-out set, the older
 * labelled set and the checking half of the second dev set are never read here: they measure.
 */
export const TUNE_SETS = ['dev-newphrasings.jsonl', 'dev-questions.jsonl', 'dev2-tune.jsonl'] as const;

function main(): void {
  const questions = TUNE_SETS.flatMap((file) => readQuestions(file));
  const isUrgent = (question: (typeof questions)[number]) => (question.danger ? question.danger === 'now' : question.urgent);
  const examples = {
    now: questions.filter(isUrgent).map((question) => question.text),
    none: questions.filter((question) => !isUrgent(question)).map((question) => question.text),
  };
  const file = path.resolve(__dirname, '..', 'content', 'nlu', 'danger-examples.json');
  fs.writeFileSync(file, `${JSON.stringify(examples, null, 2)}\n`);
  console.log(`${examples.now.length} urgent and ${examples.none.length} other messages written to ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) main();
