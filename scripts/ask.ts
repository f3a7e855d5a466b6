import path from 'node:path';
import readline from 'node:readline';
import { loadContent } from '../src/content/loadContent';
import { createClassifier, type Classification, type Classifier, type ClassifierInternals, type DecidedBy } from '../src/guidance/classifier';
import { isLocale, type Locale } from '../src/guidance/vocabulary';
import { runScriptMain } from './runScriptMain';

/**
 * `npm run --silent ask -- [--json] [--explain] [--locale nl|en]`: classifies questions read from
 * standard input, one per line, and prints one answer per line, in the same order. `--explain` adds,
 * under each answer, the rule and the cues that decided the danger level and the features that pushed
 * the intent, topic and perspective most. Standard output carries
 * answers only, so `--json` output can be piped; problems go to standard error.
 */

const USAGE = 'Usage: npm run --silent ask -- [--json] [--explain] [--locale nl|en] < questions.txt';
const EXIT_BAD_ARGUMENTS = 2;

export interface AskArguments {
  readonly json: boolean;
  readonly explain?: boolean;
  readonly locale?: Locale;
}

type ParsedArguments =
  | { readonly outcome: 'ok'; readonly args: AskArguments }
  | { readonly outcome: 'help' }
  | { readonly outcome: 'invalid'; readonly problems: string[] };

export function parseAskArguments(argv: readonly string[]): ParsedArguments {
  let json = false;
  let explain = false;
  let locale: Locale | undefined;
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return { outcome: 'help' };
    if (argument === '--json') {
      json = true;
      continue;
    }
    if (argument === '--explain') {
      explain = true;
      continue;
    }
    const match = /^--locale(?:=(.*))?$/.exec(argument);
    if (!match) {
      problems.push(`unknown argument '${argument}'`);
      continue;
    }
    const value = match[1] ?? argv[++index];
    if (value === undefined) problems.push('--locale needs a value: nl or en');
    else if (!isLocale(value)) problems.push(`--locale must be nl or en, not '${value}'`);
    else locale = value;
  }
  if (problems.length > 0) return { outcome: 'invalid', problems };
  return { outcome: 'ok', args: explain ? { json, explain, locale } : { json, locale } };
}

/**
 * The `ask --json` line: exactly these keys in this order, with the product's vocabulary ids, spaced
 * as the issue writes it (`{"intent": "guidance", "topic": null, ...}`).
 */
export function answerAsJson(classification: Classification): string {
  const { intent, topic, perspective, urgent, danger, locale } = classification;
  const fields = Object.entries({ intent, topic, perspective, urgent, danger, locale });
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}}`;
}

export function answerAsText(classification: Classification): string {
  const { intent, topic, perspective, danger, locale, likelyTopics } = classification;
  const parts = [
    danger === 'now' ? 'URGENT (emergency card first)' : danger === 'unclear' ? 'DANGER UNCLEAR (danger question first)' : 'not urgent',
    `intent ${intent}`,
    `topic ${topic ?? (likelyTopics.length > 0 ? `unsure (maybe ${likelyTopics.join(', ')})` : 'none')}`,
    `perspective ${perspective ?? 'none'}`,
    `locale ${locale}`,
  ];
  return parts.join(' | ');
}

type Explained = ReturnType<ClassifierInternals['explain']>;

const INTENT_DECIDERS: Readonly<Record<Exclude<DecidedBy['intent'], 'regression' | 'cues'>, string>> = {
  situation: 'situation the message tells (guidance)',
  network: 'intent network',
  default: 'default',
};

/**
 * What decided one label: the regression with its strongest features, the cues with the cues matched, a rule by its name
 * (a topic rule by its list), with the regression's own choice beside it (what it would have said); "(no features)" for a
 * label the message was not given.
 */
function decidedLine(explained: Explained, decision: 'intent' | 'topic' | 'perspective'): string {
  const by = explained.decidedBy[decision];
  if (by === 'none') return '(no features)';
  const pick = explained.regressionPicks[decision];
  const ownChoice = `the regression's own choice: ${pick.label} ${pick.probability.toFixed(2)}`;
  const features = explained.decidingFeatures[decision];
  if (features) return `decided by the ${by === 'scores' ? 'scores' : 'regression'} (${ownChoice}): ${features.length === 0 ? '(no features)' : features.join(', ')}`;
  if (explained.topicRule && decision === 'topic') return `decided by the rule of lexicon.${explained.topicRule}`;
  if (by === 'rule:slights') return 'decided by the rule of lexicon.slights';
  if (by === 'rule:harm') return `decided by the harm the danger rules found (${explained.danger.harm}; ${ownChoice})`;
  if (by === 'rule:ownSelfHarm') return `decided by the rule of the writer's own self-harm (${ownChoice}; its features did not decide)`;
  if (by === 'rule:othersSelfHarm') return `decided by the rule of someone else's self-harm (${ownChoice}; its features did not decide)`;
  if (by === 'rule:managerToldOf') return `decided by the rule of a writer in a managing role who is told of something, lexicon.writerRole.manages (${ownChoice}; its features did not decide)`;
  if (by === 'rule:aimedAtWriter') return `decided by the rule of a threat or harm aimed at the writer, lexicon.aimedAtWriter (${ownChoice}; its features did not decide)`;
  if (by === 'cues') {
    const cues = explained.matchedTerms.filter((term) => /^(intent|unless|frame):/.test(term));
    return `decided by the cues (${ownChoice}): ${cues.length === 0 ? '(the cues of the ask)' : cues.join(', ')}`;
  }
  return `decided by the ${INTENT_DECIDERS[by as keyof typeof INTENT_DECIDERS]} (${ownChoice})`;
}

export async function answerLines(
  classifier: Classifier & Partial<ClassifierInternals>,
  lines: AsyncIterable<string>,
  args: AskArguments,
  write: (line: string) => void,
): Promise<void> {
  for await (const line of lines) {
    const question = line.trim();
    if (question === '') continue;
    const classification = await classifier.classify(question, args.locale ? { locale: args.locale } : {});
    write(args.json ? answerAsJson(classification) : answerAsText(classification));
    if (args.explain && classifier.explain) {
      // Cues name kinds of wording and the words matched; this is the user's own text, on their own terminal.
      const explained = classifier.explain(question, classification.locale);
      const { danger } = explained;
      // A typo read as a known word shows why a word the writer never typed decided ("knfie → knife").
      if (explained.typos.length > 0) write(`  typing errors read: ${explained.typos.join(', ')}`);
      write(`  danger ${danger.level}: ${danger.reasons.join('; ')} (${danger.tokensAnalysed} tokens analysed)`);
      for (const decision of ['intent', 'topic', 'perspective'] as const) write(`  ${decision} ${decidedLine(explained, decision)}`);
    }
  }
}

async function main(): Promise<number> {
  const parsed = parseAskArguments(process.argv.slice(2));
  if (parsed.outcome === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (parsed.outcome === 'invalid') {
    console.error(`${parsed.problems.join('\n')}\n${USAGE}`);
    return EXIT_BAD_ARGUMENTS;
  }
  const content = loadContent(path.resolve(__dirname, '..', 'content'));
  const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  await answerLines(classifier, lines, parsed.args, (line) => process.stdout.write(`${line}\n`));
  return 0;
}

if (require.main === module) {
  // A closed pipe (`ask | head -1`) is no error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  runScriptMain(main, 'ask failed');
}
