import fs from 'node:fs';
import path from 'node:path';
import type { NluExample } from '../src/content/contentSchema';
import { readQuestions } from './evaluate-classifier';

/**
 * `npx ts-node --transpile-only scripts/build-nlu-examples.ts`: writes content/nlu/examples.json, the
 * labelled messages the classifier learns from beside content/nlu/<locale>.json (the danger model,
 * the intent, topic and perspective models), from the tune sets only. The held-out set, the older labelled
 * set and the checking half of the second dev set are never read here: they measure.
 */
export const TUNE_SETS = ['dev-newphrasings.jsonl', 'dev-questions.jsonl', 'dev2-tune.jsonl'] as const;

function main(): void {
  const examples: NluExample[] = TUNE_SETS.flatMap((file) => readQuestions(file)).map((question) => ({
    text: question.text,
    locale: question.locale,
    intent: question.intent,
    topic: question.topic,
    perspective: question.perspective,
    danger: (question.danger ? question.danger === 'now' : question.urgent) ? 'now' : 'none',
  }));
  const file = path.resolve(__dirname, '..', 'content', 'nlu', 'examples.json');
  fs.writeFileSync(file, `[\n${examples.map((example) => `  ${JSON.stringify(example)}`).join(',\n')}\n]\n`);
  console.log(`${examples.length} labelled messages written to ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) main();
