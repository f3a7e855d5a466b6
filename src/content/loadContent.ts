import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { LOCALES, TOPICS, type Locale, type Topic } from '../guidance/vocabulary';
import {
  guidanceTopicSchema,
  nluTrainingSchema,
  organisationSchema,
  stringsSchema,
  dangerCuesSchema,
  nluExamplesSchema,
  trainedModelsSchema,
  realWordsSchema,
  type NluExample,
  type GuidanceTopic,
  type NluTraining,
  type Organisation,
  type Strings,
  type DangerCues,
  type TrainedModels,
  typedDangerAnswersSchema,
  type TypedDangerAnswers,
} from './contentSchema';
import { deepFreeze } from '../shared/deepFreeze';
import { adviserPoolsSchema, type AdviserPoolsContent } from './adviserPoolsSchema';
import { findPlaceholders } from './contentPlaceholders';
import { mergeDangerAnswerWords, type DangerAnswerWords } from './dangerAnswerWords';
import { STRING_KEYS } from '../i18n/stringKeys';

export interface Content {
  readonly organisation: Organisation;
  readonly guidance: Readonly<Record<Topic, GuidanceTopic>>;
  readonly strings: Readonly<Record<Locale, Strings>>;
  /** The words that answer the danger question, per language: every language's are read in every message. */
  readonly typedDangerAnswers: Readonly<Record<Locale, TypedDangerAnswers>>;
  /** The same words, every language's merged, as the bot reads them in every message. */
  readonly dangerAnswerWords: DangerAnswerWords;
  readonly nlu: Readonly<Record<Locale, NluTraining>>;
  readonly dangerCues: DangerCues;
  /** Labelled tune messages the danger, topic and perspective models learn from. */
  readonly nluExamples: readonly NluExample[];
  /** The models trained from the nlu files by `npm run nlu:build`; without them the classifier trains at start-up. */
  readonly trainedModels: TrainedModels | undefined;
  /**
   * Per language, the real words one typing error from a word the classifier knows, never read as typos (`npm run nlu:build`);
   * `undefined` only when the content is read to build the models.
   */
  readonly realWords: Readonly<Record<Locale, readonly string[]>> | undefined;
  /** Who takes a request, by topic; the app keeps only the pools its deployment has people for (src/handoff/adviserPools.ts). */
  readonly adviserPools: AdviserPoolsContent;
}

/** Where `npm run nlu:build` writes the trained models, relative to the content folder. */
export const TRAINED_MODELS_FILE = 'nlu/trained.json';
/** Where `npm run nlu:build` writes the real words near the known ones (scripts/realWords.ts), relative to the content folder. */
export const REAL_WORDS_FILE = 'nlu/real-words.json';

export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The content files are not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export interface LoadContentOptions {
  /** Production: a placeholder link or number (see contentPlaceholders.ts) is a problem like any other. */
  readonly refusePlaceholders?: boolean;
  /** `npm run nlu:build`: the trained models are about to be rebuilt, so an outdated file must not stop it. */
  readonly ignoreTrainedModels?: boolean;
}

/** Reads and validates every content file; throws one ContentError naming each file and field that is wrong. */
export function loadContent(contentDir: string, options: LoadContentOptions = {}): Content {
  const problems: string[] = [];

  function read<S extends z.ZodType>(relativePath: string, schema: S): z.infer<S> | undefined {
    const file = path.join(contentDir, relativePath);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      const reason = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : 'cannot be read';
      problems.push(`${relativePath} ${reason}`);
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${relativePath}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      }
      return undefined;
    }
    return parsed.data;
  }

  const organisation = read('organisation.json', organisationSchema);
  const guidance: Partial<Record<Topic, GuidanceTopic>> = {};
  for (const topic of TOPICS) {
    const file = `guidance/${topic}.json`;
    const topicContent = read(file, guidanceTopicSchema);
    if (topicContent && topicContent.topic !== topic) problems.push(`${file}: topic: must be "${topic}"`);
    if (topicContent) guidance[topic] = topicContent;
  }
  const strings: Partial<Record<Locale, Strings>> = {};
  const nlu: Partial<Record<Locale, NluTraining>> = {};
  const typedDangerAnswers: Partial<Record<Locale, TypedDangerAnswers>> = {};
  for (const locale of LOCALES) {
    const localeStrings = read(`strings/${locale}.json`, stringsSchema);
    if (localeStrings) strings[locale] = localeStrings;
    const answers = read(`danger-answers/${locale}.json`, typedDangerAnswersSchema);
    if (answers && answers.locale !== locale) problems.push(`danger-answers/${locale}.json: locale: must be "${locale}"`);
    if (answers) typedDangerAnswers[locale] = answers;
    const training = read(`nlu/${locale}.json`, nluTrainingSchema);
    if (training && training.locale !== locale) problems.push(`nlu/${locale}.json: locale: must be "${locale}"`);
    if (training) nlu[locale] = training;
  }
  problems.push(...findStringKeyMismatches(strings));
  const dangerCues = read('nlu/danger.json', dangerCuesSchema);
  const nluExamples = read('nlu/examples.json', nluExamplesSchema);
  // Optional: derived from the files above, so a deployment without it only starts slower.
  const trainedModels =
    !options.ignoreTrainedModels && fs.existsSync(path.join(contentDir, TRAINED_MODELS_FILE)) ? read(TRAINED_MODELS_FILE, trainedModelsSchema) : undefined;
  // Required to run: without it the classifier would read no typing error at all ("knfie" stays unknown), so a deployment
  // that lost the file would quietly miss danger it found before. Only building the models does without it.
  const realWords = options.ignoreTrainedModels && !fs.existsSync(path.join(contentDir, REAL_WORDS_FILE)) ? undefined : read(REAL_WORDS_FILE, realWordsSchema);
  const adviserPools = read('adviser-pools.json', adviserPoolsSchema);
  if (options.refusePlaceholders && organisation) {
    problems.push(
      ...findPlaceholders(organisation).map((placeholder) => `${placeholder} is a placeholder; production needs the organisation's real value`),
    );
  }

  if (problems.length > 0 || !organisation || !dangerCues || !nluExamples || !adviserPools || (!realWords && !options.ignoreTrainedModels)) throw new ContentError(problems);
  return deepFreeze({
    organisation,
    guidance: guidance as Record<Topic, GuidanceTopic>,
    strings: strings as Record<Locale, Strings>,
    typedDangerAnswers: typedDangerAnswers as Record<Locale, TypedDangerAnswers>,
    dangerAnswerWords: mergeDangerAnswerWords(
      typedDangerAnswers as Record<Locale, TypedDangerAnswers>,
      trainedModels && realWords ? LOCALES.flatMap((locale) => [...trainedModels.spelling[locale], ...realWords[locale]]) : undefined,
      Object.values(organisation.phoneNumbers).map((entry) => entry.number),
    ),
    nlu: nlu as Record<Locale, NluTraining>,
    dangerCues,
    nluExamples,
    trainedModels,
    realWords,
    adviserPools,
  });
}

/**
 * Every key the code reads (STRING_KEYS) must exist in every locale file, and any other key in all of them
 * or none, with the same placeholders: each missing key is named per file.
 */
export function findStringKeyMismatches(strings: Partial<Record<Locale, Strings>>): string[] {
  const problems: string[] = [];
  const keysRead = new Set<string>(STRING_KEYS);
  const allKeys = new Set([...STRING_KEYS, ...LOCALES.flatMap((locale) => Object.keys(strings[locale] ?? {}))]);
  for (const locale of LOCALES) {
    const localeStrings = strings[locale];
    if (!localeStrings) continue;
    for (const key of allKeys) {
      if (localeStrings[key] === undefined) {
        problems.push(`strings/${locale}.json: ${key}: missing (${keysRead.has(key) ? 'the bot reads it' : 'it exists in another locale'})`);
      }
    }
  }
  for (const key of allKeys) {
    const placeholderSets = new Set(
      LOCALES.flatMap((locale) => {
        const text = strings[locale]?.[key];
        return text === undefined ? [] : [[...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join(',')];
      }),
    );
    if (placeholderSets.size > 1) problems.push(`strings: ${key}: placeholders differ between locales`);
  }
  return problems;
}
