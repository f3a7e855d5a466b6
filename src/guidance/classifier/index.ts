import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import { createHash } from 'node:crypto';
import type { DangerCues, NluTraining, TrainedModels } from '../../content/contentSchema';
import { detectLocale } from '../languageDetection';
import { LOCALES, PERSPECTIVES, TOPICS, type Locale } from '../vocabulary';
import type { Classifier } from './classification';
import { compileDangerCues, trainDangerModel, trainFieldModel, type DangerAssessment, type DangerAssessor } from './danger';
import { DangerModel } from './dangerModel';
import type { NluExample } from '../../content/contentSchema';
import { decide, topicRuleOf, type DecidedBy, type TopicRule } from './decision';
import { INTENT_MODEL_LABELS, LocaleClassifier, NO_TOPIC, type LocaleEvidence } from './localeEvidence';
import { argmax } from './scoreVectors';
import type { NlpjsContainer } from './textAnalysis';
import { analysedText, readWithin } from '../../shared/messageLength';
import { harmWordTest, spellingTargets, TypoCorrector, type WordCorrection } from './spelling';
import { HARM_KINDS } from './dangerKinds';

export type { Classification, Classifier, ClassifyOptions } from './classification';
export type { LocaleEvidence } from './localeEvidence';
export type { DecidedBy } from './decision';
export type { DangerAssessment } from './danger';
export { MAX_ANALYSED_CHARS } from '../../shared/messageLength';

/*
 * How a message is classified, and why this combination. The parts, one file each:
 * textAnalysis (words and stems as nlp.js sees them) -> lexicon (topic, perspective and intent
 * terms), askLocation (which sentences ask, which tell), perceptron (small networks) and
 * messageFeatures + softmaxModel (regressions over named features) -> localeEvidence (all of them,
 * per locale) -> decision (intent, topic, perspective);
 * danger (rules, with dangerModel beside them) runs on the text. The models are trained by
 * `npm run nlu:build` and loaded from content/nlu/trained.json (storedFloats).
 *
 * - Topic: a bag-of-words model alone cannot know the words it never saw, and Dutch compounds
 *   ("groepsapp", "datafraude") make that worse. So each locale has a topic lexicon
 *   (content/nlu/<locale>.json, `lexicon.topics`), matched on the same stems, plus wildcards for
 *   compounds. Score = network probability + regression probability + TOPIC_TERM_WEIGHT x matched
 *   terms + the kinds of harm named; the regression may name a topic the words leave open.
 * - Intent: a message that describes a situation asks for guidance unless it carries a cue for
 *   another intent ("melden", "vertrouwenspersoon", "code of conduct", ...); cues are data with
 *   `unless` phrases ("a complaint about me" is no request to report). When the message asks
 *   something, only the cues in the asking sentences count: the story's words (a report someone
 *   else made, a drill) do not say what the writer wants. The regression overrides the cues only
 *   when it is nearly certain, not an ask to report, to talk or for something the programme
 *   offers, and never turns a situation into a greeting.
 * - Perspective: the regression decides, over features that read who a message is about
 *   (pronoun and role cues, "my arm" vs "my colleague", the writer as the object). Quoted speech is
 *   left out ("he said 'I will kill you'": that "I" is not the writer).
 * - Danger (now, unclear, none): reasoning over kinds of wording in both languages (harm, time,
 *   frame; danger.ts), with cues as short token sequences (content/nlu/danger.json); the trained
 *   model beside the rules mostly asks (`unclear`) about what the rules missed. Recall beats
 *   precision.
 * - Linear time: the models analyse at most MAX_ANALYSED_CHARS of the text as read (normalised, then cut),
 *   danger at most that of its beginning and of its end; tokens are cut to a bounded length, and no cue is a
 *   regular expression over the raw text.
 *
 * Text is analysed once per locale with nlp.js's own normalizer, tokenizer and stemmer and fed
 * straight to the models, so no nlp.js cache ever sees a user's message.
 */

const EXPLAINED_FEATURES = 5;

type ExplainedDecision = 'intent' | 'topic' | 'perspective';

export interface ClassifierInternals {
  /** The models as content/nlu/trained.json stores them (`npm run nlu:build`). */
  trainedModels(): TrainedModels;
  /** Whether the models were trained here, because no trained.json was given or it was trained from other files, instead of loaded from it. */
  readonly trainedInsteadOfLoaded: boolean;
  /** The scores behind a classification, for tuning and `ask --explain`. */
  explain(
    text: string,
    locale: Locale,
  ): LocaleEvidence & {
    readonly matchedTerms: readonly string[];
    /** How many characters of the text as read the models analysed: at most MAX_ANALYSED_CHARS, whatever the input. */
    readonly analysedChars: number;
    readonly danger: DangerAssessment;
    /** What decided each label: the regression, the cues, the topic scores, a rule that overruled them, or nothing. */
    readonly decidedBy: DecidedBy;
    /** Per decision, the regression's own first choice and its probability, also when something else decided. */
    readonly regressionPicks: Readonly<Record<ExplainedDecision, { readonly label: string; readonly probability: number }>>;
    /**
     * The regression's features that pushed most towards the label ("b:my_arm", "t:bullying", "h:violence"), only for a
     * label the regression decided (for the topic: the scores it is part of); none for a rule's label or no label.
     */
    readonly decidingFeatures: Readonly<Partial<Record<ExplainedDecision, readonly string[]>>>;
    /** The topic rule that turned the topic the scores put first into the one decided ("isolating": lexicon.isolating), or null. */
    readonly topicRule: TopicRule | null;
    /** Typing errors read through, by the danger rules or the models ("knfie → knife"; spelling.ts). */
    readonly typos: readonly string[];
  };
}

const GRAVITY: Readonly<Record<DangerAssessment['level'], number>> = { none: 0, unclear: 1, now: 2 };

/**
 * What is read of a message (src/shared/messageLength.ts): the models read all of it as read when it fits
 * MAX_ANALYSED_CHARS, else its beginning; danger reads its end too then, as the bot's length step does, because
 * a message cut there (one that normalisation made longer, a request's message of ligatures) often ends with what
 * matters most. Every caller gets this (the bot, ask, the evaluation sets), so none can cut it another way.
 */
function readMessage(
  text: string,
  assessDanger: DangerAssessor,
): { readonly analysed: string; readonly danger: DangerAssessment; readonly written: Locale | undefined } {
  const read = readWithin(text);
  // The danger question's operating point follows the language the message is written in, not the one the person chose.
  if (read.fits) {
    const analysed = read.text.trim();
    const written = detectLocale(analysed);
    return { analysed, danger: assessDanger(analysed, written), written };
  }
  const [analysed, end] = [read.beginning.trim(), read.end.trim()];
  const written = detectLocale(analysed);
  const atBeginning = assessDanger(analysed, written);
  // Nothing at the end can be graver than danger now at the beginning.
  if (atBeginning.level === 'now') return { analysed, danger: atBeginning, written };
  const atEnd = assessDanger(end, detectLocale(end) ?? written);
  return { analysed, danger: GRAVITY[atEnd.level] > GRAVITY[atBeginning.level] ? atEnd : atBeginning, written };
}

/**
 * What the models are trained from, as one digest: trained.json is used only when it was trained from
 * exactly today's files. (A change to the training code is caught by a test that retrains and compares.)
 */
export function trainingInputsDigest(training: Readonly<Record<Locale, NluTraining>>, dangerCues: DangerCues, examples: readonly NluExample[]): string {
  return createHash('sha256').update(JSON.stringify([training, dangerCues, examples])).digest('hex');
}

/**
 * The known words of each language that a typo is read as (spelling.ts): the words of its nlu file (utterances and lexicons)
 * and of its danger cues always, those of the labelled tune messages when they occur twice.
 */
function knownWords(training: Readonly<Record<Locale, NluTraining>>, dangerCues: DangerCues, examples: readonly NluExample[]): Record<Locale, string[]> {
  const stringsOf = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsOf) : value !== null && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];
  return Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      spellingTargets(
        examples.filter((example) => example.locale === locale).map((example) => example.text),
        [...stringsOf(training[locale]), ...Object.values(dangerCues).flatMap((byLocale) => stringsOf(byLocale?.[locale]))],
      ),
    ]),
  ) as Record<Locale, string[]>;
}

/**
 * Three small neural models per locale (intent, topic, perspective) and the danger model, from
 * content/nlu/trained.json when it was trained from today's files (`npm run nlu:build`), else
 * trained here, combined with the lexicons of content/nlu and the danger cues (danger.json) and
 * the reasoning over them (danger.ts), each word first read through typing errors (spelling.ts). Loading takes milliseconds; training about a second.
 */
export async function createClassifier(
  training: Readonly<Record<Locale, NluTraining>>,
  dangerCues: DangerCues,
  examples: readonly NluExample[],
  trained: TrainedModels | undefined,
  /**
   * Per locale, the real words one typo from a known word (content/nlu/real-words.json): never read as a typo. A required
   * argument, so no caller measures or runs the classifier without typing errors read by forgetting it; only building the
   * models passes `undefined` (typos are then left as typed).
   */
  realWords: Readonly<Record<Locale, readonly string[]>> | undefined,
): Promise<Classifier & ClassifierInternals> {
  const container = (await containerBootstrap()) as unknown as NlpjsContainer;
  container.use(LangEn);
  container.use(LangNl);

  const inputs = trainingInputsDigest(training, dangerCues, examples);
  const shipped = trained?.inputs === inputs ? trained : undefined;
  const dangerModel = shipped
    ? DangerModel.fromJSON(shipped.danger)
    : trainDangerModel(dangerCues, {
        now: examples.filter((example) => example.danger === 'now').map((example) => example.text),
        none: examples.filter((example) => example.danger === 'none').map((example) => example.text),
      });
  const fieldModel = shipped
    ? DangerModel.fromJSON(shipped.selfHarmField)
    : trainFieldModel(dangerCues, {
        now: examples.filter((example) => example.selfHarmField === 'now').map((example) => example.text),
        none: examples.filter((example) => example.selfHarmField === 'none').map((example) => example.text),
      });
  const spelling = shipped?.spelling ?? knownWords(training, dangerCues, examples);
  // Without the real words a typo is left as typed: read through, "filling" would become "killing".
  const correctors = Object.fromEntries(
    LOCALES.map((locale) => {
      if (realWords === undefined) return [locale, () => null];
      // Built at the first word it is asked about, not at start-up: its index took 50-120 ms of a loaded machine's start.
      let corrector: TypoCorrector | undefined;
      const build = () =>
        new TypoCorrector(
          spelling[locale],
          realWords[locale],
          LOCALES.filter((other) => other !== locale).flatMap((other) => spelling[other]),
          harmWordTest(HARM_KINDS.flatMap((kind) => dangerCues[kind]?.[locale] ?? [])),
        );
      return [locale, (word: string) => (corrector ??= build()).correct(word)];
    }),
  ) as Record<Locale, WordCorrection>;
  // Without the language of the message, a typo is left as typed: the same letters are a typo in one language and a word in the other.
  const assessDanger = compileDangerCues(dangerCues, dangerModel, fieldModel, undefined, (locale) => (locale === undefined ? () => null : correctors[locale]));
  const locales = {} as Record<Locale, LocaleClassifier>;
  for (const locale of LOCALES) {
    locales[locale] = LocaleClassifier.create(
      container,
      locale,
      training[locale],
      examples.filter((example) => example.locale === locale),
      shipped?.locales[locale],
      (text) => assessDanger(analysedText(text)).harmNamed,
      correctors[locale],
    );
  }

  return {
    async classify(text, options = {}) {
      const { analysed, danger, written } = readMessage(text, assessDanger);
      const detected = options.locale ?? written;
      let evidence: LocaleEvidence;
      if (detected) {
        evidence = locales[detected].evidence(analysed, danger.harmNamed);
      } else {
        // Without language evidence ("gedragscode"), the locale whose vocabulary recognises the text decides.
        const [nl, en] = [locales.nl.evidence(analysed, danger.harmNamed), locales.en.evidence(analysed, danger.harmNamed)];
        const fallback = options.fallbackLocale ?? 'nl';
        evidence = nl.recognition === en.recognition ? (fallback === 'nl' ? nl : en) : nl.recognition > en.recognition ? nl : en;
      }
      const { decidedBy: _decidedBy, ...labels } = decide(evidence, danger);
      return {
        locale: detected ?? options.fallbackLocale ?? evidence.locale,
        urgent: danger.level === 'now',
        danger: danger.level,
        ...labels,
      };
    },
    trainedInsteadOfLoaded: shipped === undefined,
    trainedModels: () => ({
      inputs,
      locales: { nl: locales.nl.trainedModels(), en: locales.en.trainedModels() },
      danger: dangerModel.toJSON(),
      selfHarmField: fieldModel.toJSON(),
      spelling,
    }),
    explain(text, locale) {
      const { analysed, danger } = readMessage(text, assessDanger);
      const evidence = locales[locale].evidence(analysed, danger.harmNamed);
      const { intent, topic, perspective, decidedBy } = decide(evidence, danger);
      const pick = (labels: readonly string[], probabilities: Float64Array) => {
        const best = argmax(probabilities);
        return { label: labels[best], probability: probabilities[best] };
      };
      const regressionPicks = {
        intent: pick(INTENT_MODEL_LABELS, evidence.intentRegression),
        topic: pick([...TOPICS, NO_TOPIC], evidence.topicRegression),
        perspective: pick(PERSPECTIVES, evidence.perspectiveRegression),
      };
      // Features are given only for a label the regression decided; a missing label has none.
      const regressionDecided: Record<ExplainedDecision, boolean> = {
        intent: decidedBy.intent === 'regression',
        topic: decidedBy.topic === 'scores',
        perspective: decidedBy.perspective === 'regression',
      };
      const strongest = locales[locale].strongestFeatures(
        analysed,
        danger.harmNamed,
        { intent, topic: topic ?? regressionPicks.topic.label, perspective: perspective ?? regressionPicks.perspective.label },
        EXPLAINED_FEATURES,
      );
      const decidingFeatures = Object.fromEntries(
        (Object.keys(regressionDecided) as ExplainedDecision[]).filter((decision) => regressionDecided[decision]).map((decision) => [decision, strongest[decision]]),
      );
      const typos = [...new Set([...(danger.corrections ?? []), ...locales[locale].typosIn(analysed)])];
      return { ...evidence, matchedTerms: locales[locale].matchedTerms(analysed), analysedChars: analysed.length, danger, decidedBy, regressionPicks, decidingFeatures, topicRule: topicRuleOf(decidedBy), typos };
    },
  };
}
