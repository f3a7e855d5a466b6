import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import { NluNeural, type NluClassification } from '@nlpjs/nlu';
import type { NluTraining, UrgentPatterns } from '../content/contentSchema';
import { detectLocale } from './languageDetection';
import {
  INTENTS,
  LOCALES,
  TOPICS,
  type Intent,
  type Locale,
  type Perspective,
  type Topic,
} from './vocabulary';

export interface Classification {
  readonly locale: Locale;
  readonly intent: Intent;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  readonly urgent: boolean;
  /** The most likely topics, best first, for the guided flow when the topic is uncertain. */
  readonly likelyTopics: readonly Topic[];
}

export interface ClassifyOptions {
  /** Forces the locale (the `ask --locale` flag, or a locale the user chose). */
  readonly locale?: Locale;
  /** Used when the text itself does not tell the language (the user's Teams locale). */
  readonly fallbackLocale?: Locale;
}

export interface Classifier {
  classify(text: string, options?: ClassifyOptions): Promise<Classification>;
  /** The urgent check alone, for text the bot will not classify (a message over the length limit). */
  isUrgent(text: string): boolean;
}

/** Scores below these are treated as "not sure"; chosen on the training data, checked on the test set. */
const MIN_TOPIC_SCORE = 0.5;
const MIN_PERSPECTIVE_SCORE = 0.5;
const MIN_INTENT_SCORE = 0.5;
const INTENTS_WITH_SITUATION: readonly Intent[] = ['guidance', 'report', 'talk'];

interface LocaleModels {
  readonly intent: NluNeural;
  readonly topic: NluNeural;
  readonly perspective: NluNeural;
}

/**
 * Three small nlp.js neural models per locale (intent, topic, perspective), trained at
 * start from the utterances in content/nlu, plus the urgent phrase list. Urgency is a
 * pattern match over both languages on purpose: recall beats precision there, and a
 * trained model could miss a phrasing it never saw.
 */
export async function createClassifier(
  training: Readonly<Record<Locale, NluTraining>>,
  urgentPatterns: UrgentPatterns,
): Promise<Classifier> {
  const container = await containerBootstrap();
  container.use(LangEn);
  container.use(LangNl);

  const models = {} as Record<Locale, LocaleModels>;
  for (const locale of LOCALES) {
    const data = training[locale];
    models[locale] = {
      intent: await trainModel(container, locale, data.intents),
      topic: await trainModel(container, locale, data.topics),
      perspective: await trainModel(container, locale, data.perspectives),
    };
  }
  const urgentExpressions = LOCALES.flatMap((locale) => urgentPatterns[locale].map((source) => new RegExp(source, 'iu')));

  async function classifyIn(locale: Locale, text: string) {
    const { intent, topic, perspective } = models[locale];
    const [intents, topics, perspectives] = await Promise.all([
      processWithoutCaching(intent, text),
      processWithoutCaching(topic, text),
      processWithoutCaching(perspective, text),
    ]);
    return { locale, intents, topics, perspectives };
  }

  const isUrgent = (text: string) => {
    const lowerCased = text.normalize('NFKC').toLowerCase();
    return urgentExpressions.some((expression) => expression.test(lowerCased));
  };

  return {
    isUrgent,
    async classify(text, options = {}) {
      const normalized = text.normalize('NFKC').trim();
      const detected = options.locale ?? detectLocale(normalized);
      const candidates = detected
        ? [await classifyIn(detected, normalized)]
        : await Promise.all(LOCALES.map((locale) => classifyIn(locale, normalized)));
      // Without language evidence ("gedragscode"), the model that recognises the text best decides.
      const best = candidates.reduce((a, b) => (topScore(b.intents) > topScore(a.intents) ? b : a));
      const locale = detected ?? (topScore(best.intents) >= MIN_INTENT_SCORE ? best.locale : options.fallbackLocale ?? best.locale);

      const topTopic = best.topics[0];
      const topPerspective = best.perspectives[0];
      const intent = chooseIntent(best.intents, topTopic);
      const describesSituation = INTENTS_WITH_SITUATION.includes(intent);
      return {
        locale,
        intent,
        topic: describesSituation && topTopic && topTopic.score >= MIN_TOPIC_SCORE ? (topTopic.intent as Topic) : null,
        perspective:
          describesSituation && topPerspective && topPerspective.score >= MIN_PERSPECTIVE_SCORE
            ? (topPerspective.intent as Perspective)
            : null,
        urgent: isUrgent(normalized),
        likelyTopics: best.topics
          .filter((candidate) => (TOPICS as readonly string[]).includes(candidate.intent) && candidate.score > 0.05)
          .slice(0, 3)
          .map((candidate) => candidate.intent as Topic),
      };
    },
  };
}

/** A message that clearly names a situation is a request for guidance, even when the intent model hesitates. */
function chooseIntent(intents: readonly NluClassification[], topTopic: NluClassification | undefined): Intent {
  const top = intents[0];
  if (top && top.score >= MIN_INTENT_SCORE && (INTENTS as readonly string[]).includes(top.intent)) {
    return top.intent as Intent;
  }
  if (topTopic && topTopic.score >= MIN_TOPIC_SCORE) return 'guidance';
  return 'help';
}

async function trainModel(
  container: Awaited<ReturnType<typeof containerBootstrap>>,
  locale: Locale,
  examples: Readonly<Record<string, readonly string[]>>,
): Promise<NluNeural> {
  const model = new NluNeural({ locale, log: false }, container);
  const corpus = Object.entries(examples).flatMap(([label, utterances]) =>
    utterances.map((utterance) => ({ utterance, intent: label })),
  );
  await model.train(corpus);
  return model;
}

async function processWithoutCaching(model: NluNeural, text: string): Promise<NluClassification[]> {
  const result = await model.process(text);
  // nlp.js keeps every processed text in an in-memory cache for an hour; free text is not
  // ours to keep, and the cache would grow with every message.
  if (model.cache) model.cache.results = {};
  return result.classifications.filter((classification) => classification.intent !== 'None');
}

function topScore(classifications: readonly NluClassification[]): number {
  return classifications[0]?.score ?? 0;
}
