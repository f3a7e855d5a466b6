import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import { INTENTS_WITH_CUES, type NluTraining, type UrgentPatterns } from '../content/contentSchema';
import { detectLocale } from './languageDetection';
import {
  LOCALES,
  PERSPECTIVES,
  TOPICS,
  type Intent,
  type Locale,
  type Perspective,
  type DangerLevel,
  type Topic,
} from './vocabulary';

export interface Classification {
  readonly locale: Locale;
  readonly intent: Intent;
  readonly topic: Topic | null;
  readonly perspective: Perspective | null;
  /** Means `danger === 'now'`; kept because the `ask` JSON, metrics and the flow state use it. */
  readonly urgent: boolean;
  readonly danger: DangerLevel;
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

/*
 * How a message is classified, and why this combination:
 *
 * - Topic: a bag-of-words model alone cannot know the words it never saw in ~100 examples per
 *   topic, and Dutch compounds ("groepsapp", "datafraude") make that worse. So each locale has a
 *   topic lexicon (content/nlu/<locale>.json, `lexicon.topics`), matched on the same stems the
 *   nlp.js model uses, plus prefix/suffix wildcards for compounds. The lexicon carries the
 *   domain knowledge; the model (trained with an extra "no topic" class) breaks ties and covers
 *   words the lexicon lacks. Score = model probability + TOPIC_TERM_WEIGHT x matched terms.
 * - Intent: a message that describes a situation asks for guidance unless it carries a cue
 *   for another intent ("melden", "vertrouwenspersoon", "code of conduct", ...). Cues are data
 *   with `unless` phrases ("a complaint about me" is no request to report). The intent model
 *   decides only short messages without cues ("advies nodig").
 * - Perspective: pronoun and role cues ("I saw", "told me", "ik word", "my comment", "as a
 *   manager") weigh more than the model, which has little signal in such short texts. Quoted
 *   speech is left out ("he said 'I will kill you'": that "I" is not the writer).
 * - Urgent: regular expressions over both languages on purpose. Recall beats precision, and
 *   a trained model could miss a phrasing it never saw. Rules combine kinds of wording
 *   (violence + "now", a weapon unless "last week"); see content/nlu/urgent.json.
 *
 * Text is analysed once per locale with nlp.js's own normalizer, tokenizer and stemmer and fed
 * straight to the trained networks, so no nlp.js cache ever sees a user's message.
 */

/** Weight of one matched lexicon word relative to the model's probability (0..1); tuned on the dev set. */
const TOPIC_TERM_WEIGHT = 0.6;
const PERSPECTIVE_CUE_WEIGHT = 1;
const PERSPECTIVE_MODEL_WEIGHT = 0.3;
/** Most people who write about a situation saw it happen (PRODUCT.md); without cues that is the best guess. */
const WITNESS_PRIOR = 0.25;
/** ...unless the writer speaks only of themselves ("I can't take the bullying any more"): then it happened to them. */
const SELF_PRIOR = 0.35;
const INTENT_CUE_WEIGHT = 1;
/** Below this the topic model alone is "not sure". */
const MIN_TOPIC_SCORE = 0.5;
/** The intent model's pick for a short message without cues or a situation must be at least this sure. */
const MIN_INTENT_SCORE = 0.5;
const INTENTS_WITH_SITUATION: readonly Intent[] = ['guidance', 'report', 'talk'];
/** The topic model's extra class for messages that name no situation ("hoe meld ik iets"). */
const NO_TOPIC = 'no-topic';
const MAX_LIKELY_TOPICS = 3;
/** Cue words an accused or manager statement needs to decide the perspective on its own. */
const ROLE_STATEMENT = 2;
/** Weight of perspective cues that makes a message a situation on its own (a two-word phrase). */
const MIN_SITUATION_CUE = 2;
const MIN_LIKELY_TOPIC_SCORE = 0.05;

/**
 * Two Teams messages differ from training sentences in ways the tokenizer does not undo:
 * curly apostrophes (iOS, Word) and hyphenated compounds ("e-learning", "p-waarde").
 */
function prepareText(text: string): string {
  return text.replace(/[’‘`´]/g, "'").replace(/(\p{L})-(?=\p{L})/gu, '$1 ');
}

/**
 * Text outside quotation marks. A quote opens after a space or the start and closes before a space,
 * punctuation or the end, so apostrophes in "I'm" or "'s nachts" are not taken for quotes.
 */
function withoutQuotedSpeech(text: string): string {
  if (!/['"‘’“”]/.test(text)) return text;
  return text
    .replace(/(^|[\s(:])["“][^"“”]+["”](?=[\s.,!?;:)]|$)/gu, '$1 ')
    .replace(/(^|[\s(:])['‘][^'‘’]{2,}['’](?=[\s.,!?;:)]|$)/gu, '$1 ');
}

// ---------------------------------------------------------------------------------------------
// nlp.js internals the classifier uses directly. src/types/nlpjs.d.ts covers the public API;
// these narrow shapes are checked by the "same features as nlp.js" unit test.

interface NlpjsContainer {
  use(plugin: unknown): void;
  get(name: string): unknown;
}
interface NlpjsNormalizer {
  normalize(text: string): string;
}
interface NlpjsTokenizer {
  innerTokenize(text: string): string[];
  cache?: unknown;
}
interface NlpjsStemmer {
  stemWord(word: string): string;
  cache: Record<string, string>;
}
// ---------------------------------------------------------------------------------------------
// Text analysis: words and stems exactly as the nlp.js models see them.

interface AnalysedText {
  /** Normalized words (lower case, no diacritics), for wildcard terms. */
  readonly words: readonly string[];
  /** The stem of each word (same index), for plain terms and the models. */
  readonly stems: readonly string[];
}

class LocaleAnalyser {
  private readonly normalizer: NlpjsNormalizer;
  private readonly tokenizer: NlpjsTokenizer;
  private readonly stemmer: NlpjsStemmer;
  /** Stems of the words in the training data and lexicons; other words are stemmed without caching. */
  private readonly knownStems = new Map<string, string>();
  /** While training, every text is ours (content files), so nlp.js may cache its words. */
  private training = true;

  constructor(container: NlpjsContainer, readonly locale: Locale) {
    this.normalizer = container.get(`normalizer-${locale}`) as NlpjsNormalizer;
    this.tokenizer = container.get(`tokenizer-${locale}`) as NlpjsTokenizer;
    this.stemmer = container.get(`stemmer-${locale}`) as NlpjsStemmer;
  }

  words(text: string): string[] {
    return this.tokenizer.innerTokenize(this.normalizer.normalize(prepareText(text)));
  }

  analyse(text: string): AnalysedText {
    const words = this.words(text);
    const stems = new Array<string>(words.length);
    for (let i = 0; i < words.length; i += 1) stems[i] = this.stem(words[i]);
    return { words, stems };
  }

  stem(word: string): string {
    const known = this.knownStems.get(word);
    if (known !== undefined) return known;
    const stem = this.stemmer.stemWord(word).trim();
    // The stemmer memoizes every word it sees, forever; a user's words are not ours to keep.
    if (!this.training) delete this.stemmer.cache[`.${word}`];
    return stem;
  }

  /**
   * Ends training: keeps the stems of the vocabulary seen so far (training data, lexicons) and
   * empties nlp.js's caches, which held the training texts; none of that is needed later.
   */
  finishTraining(): void {
    for (const [key, stem] of Object.entries(this.stemmer.cache)) {
      if (key.startsWith('.') && typeof stem === 'string') this.knownStems.set(key.slice(1), stem.trim());
    }
    this.tokenizer.cache = undefined;
    this.stemmer.cache = {};
    this.training = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Lexicons: terms per label, matched on stems (plain words) or normalized words (wildcards).

type TermPart =
  | { readonly kind: 'stem'; readonly stem: string }
  | { readonly kind: 'exact' | 'prefix' | 'suffix' | 'contains'; readonly text: string }
  | { readonly kind: 'gap' };

interface CompiledTerm {
  readonly source: string;
  readonly id: number;
  readonly label: number;
  readonly parts: readonly TermPart[];
  /** Longer phrases are more specific: a term weighs as many words as it has. */
  readonly weight: number;
}

const MAX_GAP_WORDS = 4;

class Lexicon {
  private readonly byFirstStem = new Map<string, CompiledTerm[]>();
  private readonly byFirstWord = new Map<string, CompiledTerm[]>();
  private readonly byFirstPrefix = new Map<string, CompiledTerm[]>();
  private readonly byFirstSuffix = new Map<string, CompiledTerm[]>();
  private readonly containsFirst: CompiledTerm[] = [];
  private readonly all: CompiledTerm[] = [];
  private shortestAffix = Infinity;
  /** Per term, the call in which it last matched, so a term counts once per message without a per-call set. */
  private readonly lastMatch: Uint32Array;
  private call = 0;
  /** Scratch space for `score`, reused because classification is synchronous. */
  private readonly coveredUntil: Int32Array;
  private readonly bestWeight: Float64Array;
  private readonly bestEnd: Int32Array;
  private readonly bestTerm: Int32Array;

  constructor(
    readonly labels: readonly string[],
    termsByLabel: Readonly<Record<string, readonly string[]>>,
    analyser: LocaleAnalyser,
  ) {
    labels.forEach((label, labelIndex) => {
      for (const source of termsByLabel[label] ?? []) {
        const parts = compileTerm(source, analyser);
        if (parts.length === 0) continue;
        const term: CompiledTerm = { source, id: this.all.length, label: labelIndex, parts, weight: parts.filter((p) => p.kind !== 'gap').length };
        this.all.push(term);
        const first = parts[0];
        if (first.kind === 'stem') pushTo(this.byFirstStem, first.stem, term);
        else if (first.kind === 'exact') pushTo(this.byFirstWord, first.text, term);
        else if (first.kind === 'prefix') pushTo(this.byFirstPrefix, first.text, term);
        else if (first.kind === 'suffix') pushTo(this.byFirstSuffix, first.text, term);
        else this.containsFirst.push(term);
        if (first.kind === 'prefix' || first.kind === 'suffix') this.shortestAffix = Math.min(this.shortestAffix, first.text.length);
      }
    });
    this.lastMatch = new Uint32Array(this.all.length);
    this.coveredUntil = new Int32Array(labels.length);
    this.bestWeight = new Float64Array(labels.length);
    this.bestEnd = new Int32Array(labels.length);
    this.bestTerm = new Int32Array(labels.length);
  }

  /**
   * Per label, how many words of the text its terms cover (same order as `labels`). At each
   * position only the longest matching term of a label counts, and a term counts once, so
   * "I heard from" scores as one phrase, not also as "I heard" and "heard".
   */
  score(text: AnalysedText): Float64Array {
    const scores = new Float64Array(this.labels.length);
    this.call = (this.call + 1) >>> 0 || 1;
    this.coveredUntil.fill(0);
    const { words, stems } = text;
    for (let start = 0; start < words.length; start += 1) {
      this.bestWeight.fill(0);
      const word = words[start];
      this.tryTerms(this.byFirstStem.get(stems[start]), text, start);
      this.tryTerms(this.byFirstWord.get(word), text, start);
      // Every prefix and suffix of the word is one map lookup, so no wildcard term is scanned needlessly.
      for (let length = this.shortestAffix; length <= word.length; length += 1) {
        this.tryTerms(this.byFirstPrefix.get(word.slice(0, length)), text, start);
        this.tryTerms(this.byFirstSuffix.get(word.slice(word.length - length)), text, start);
      }
      this.tryTerms(this.containsFirst, text, start);
      for (let label = 0; label < this.labels.length; label += 1) {
        if (this.bestWeight[label] === 0 || start < this.coveredUntil[label]) continue;
        scores[label] += this.bestWeight[label];
        this.coveredUntil[label] = this.bestEnd[label];
        this.lastMatch[this.bestTerm[label]] = this.call;
      }
    }
    return scores;
  }

  /** The matched terms with their labels, for tuning. */
  matchedTerms(text: AnalysedText): string[] {
    return this.all
      .filter((term) => text.words.some((_, start) => matchEnd(term.parts, 0, text, start) >= 0))
      .map((term) => `${this.labels[term.label]}:${term.source}`);
  }

  private tryTerms(terms: readonly CompiledTerm[] | undefined, text: AnalysedText, start: number): void {
    if (terms === undefined) return;
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i];
      if (this.lastMatch[term.id] === this.call || term.weight <= this.bestWeight[term.label]) continue;
      const end = matchEnd(term.parts, 0, text, start);
      if (end >= 0) {
        this.bestWeight[term.label] = term.weight;
        this.bestEnd[term.label] = end;
        this.bestTerm[term.label] = term.id;
      }
    }
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compileTerm(source: string, analyser: LocaleAnalyser): TermPart[] {
  const parts: TermPart[] = [];
  for (const chunk of source.trim().split(/\s+/)) {
    if (chunk === '..') {
      parts.push({ kind: 'gap' });
      continue;
    }
    const exact = chunk.startsWith('=');
    const leading = chunk.startsWith('*');
    const trailing = chunk.length > 1 && chunk.endsWith('*');
    const words = analyser.words(chunk.replace(/^[*=]|\*$/g, ''));
    words.forEach((word, index) => {
      const wildcardBefore = leading && index === 0;
      const wildcardAfter = trailing && index === words.length - 1;
      if (exact) parts.push({ kind: 'exact', text: word });
      else if (wildcardBefore && wildcardAfter) parts.push({ kind: 'contains', text: word });
      else if (wildcardBefore) parts.push({ kind: 'suffix', text: word });
      else if (wildcardAfter) parts.push({ kind: 'prefix', text: word });
      else parts.push({ kind: 'stem', stem: analyser.stem(word) });
    });
  }
  return parts;
}

function matchesPart(part: TermPart, text: AnalysedText, index: number): boolean {
  switch (part.kind) {
    case 'stem':
      return text.stems[index] === part.stem;
    case 'exact':
      return text.words[index] === part.text;
    case 'prefix':
      return text.words[index].startsWith(part.text);
    case 'suffix':
      return text.words[index].endsWith(part.text);
    case 'contains':
      return text.words[index].includes(part.text);
    case 'gap':
      return true;
  }
}

/** The index after the last word a term covers when it matches at `wordIndex`, or -1. */
function matchEnd(parts: readonly TermPart[], partIndex: number, text: AnalysedText, wordIndex: number): number {
  if (partIndex === parts.length) return wordIndex;
  const part = parts[partIndex];
  if (part.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP_WORDS && wordIndex + skip <= text.words.length; skip += 1) {
      const end = matchEnd(parts, partIndex + 1, text, wordIndex + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (wordIndex >= text.words.length || !matchesPart(part, text, wordIndex)) return -1;
  return matchEnd(parts, partIndex + 1, text, wordIndex + 1);
}

// ---------------------------------------------------------------------------------------------
// Models: one-layer perceptron networks over the analysed stems.

/**
 * nlp.js's NeuralNetwork (the model behind its NluNeural) with its default settings: one
 * perceptron per label over binary stem features, leaky-ReLU output, momentum and a decaying
 * learning rate. The same algorithm runs here over typed arrays, because nlp.js's own loop
 * (object lookups per feature) took about a second of every start-up for six small models.
 */
const NETWORK = {
  maxIterations: 20000,
  errorThreshold: 0.00005,
  deltaErrorThreshold: 0.000001,
  learningRate: 0.6,
  momentum: 0.5,
  alpha: 0.07,
} as const;

interface TrainingExample {
  readonly utterance: string;
  readonly label: string;
}

class TrainedModel {
  /** Per call: the call in which a feature was last seen, so each counts once without a per-call set. */
  private readonly seenIn: Uint32Array;
  private call = 0;
  private readonly features: number[] = [];

  private constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    private readonly weights: readonly Float32Array[],
    private readonly biases: Float64Array,
    /** Per label, which features its examples contain; a label sharing none with a text scores 0 (as in nlp.js). */
    private readonly labelFeatures: readonly Uint8Array[],
    private readonly trainedLabels: Uint8Array,
  ) {
    this.seenIn = new Uint32Array(featureIndex.size);
  }

  static train(analyser: LocaleAnalyser, labels: readonly string[], examples: readonly TrainingExample[]): TrainedModel {
    const featureIndex = new Map<string, number>();
    const inputs: Int32Array[] = [];
    const outputs: number[] = [];
    for (const { utterance, label } of examples) {
      const labelIndex = labels.indexOf(label);
      if (labelIndex < 0) throw new Error(`Unknown label ${label}`);
      const keys = new Set<number>();
      for (const stem of analyser.analyse(utterance).stems) {
        if (!stem) continue;
        let index = featureIndex.get(stem);
        if (index === undefined) {
          index = featureIndex.size;
          featureIndex.set(stem, index);
        }
        keys.add(index);
      }
      if (keys.size === 0) continue;
      inputs.push(Int32Array.from(keys));
      outputs.push(labelIndex);
    }
    const size = featureIndex.size;
    const weights = labels.map(() => new Float32Array(size));
    const changes = labels.map(() => new Float32Array(size));
    const biases = new Float64Array(labels.length);
    const labelFeatures = labels.map(() => new Uint8Array(size));
    const trainedLabels = new Uint8Array(labels.length);
    inputs.forEach((keys, example) => {
      trainedLabels[outputs[example]] = 1;
      for (const key of keys) labelFeatures[outputs[example]][key] = 1;
    });
    const perceptrons = trainedLabels.reduce((count, trained) => count + trained, 0);
    const { alpha, momentum } = NETWORK;

    let error = Infinity;
    let deltaError = Infinity;
    for (
      let iteration = 1;
      iteration <= NETWORK.maxIterations && error > NETWORK.errorThreshold && deltaError > NETWORK.deltaErrorThreshold;
      iteration += 1
    ) {
      const rate = NETWORK.learningRate / (1 + 0.001 * iteration);
      const lastError = error;
      error = 0;
      for (let label = 0; label < labels.length; label += 1) {
        if (!trainedLabels[label]) continue;
        const weight = weights[label];
        const change = changes[label];
        let bias = biases[label];
        for (let example = 0; example < inputs.length; example += 1) {
          const keys = inputs[example];
          let sum = bias;
          for (let k = 0; k < keys.length; k += 1) sum += weight[keys[k]];
          const actual = sum <= 0 ? 0 : alpha * sum;
          const difference = (outputs[example] === label ? 1 : 0) - actual;
          if (difference === 0) continue;
          error += difference * difference;
          const delta = (actual > 0 ? 1 : alpha) * difference * rate;
          for (let k = 0; k < keys.length; k += 1) {
            const key = keys[k];
            const step = delta + momentum * change[key];
            change[key] = step;
            weight[key] += step;
          }
          bias += delta;
        }
        biases[label] = bias;
      }
      error /= perceptrons * inputs.length;
      deltaError = Math.abs(error - lastError);
    }
    return new TrainedModel(labels, featureIndex, weights, biases, labelFeatures, trainedLabels);
  }

  /** The network's output per label (same order as `labels`), clamped to 0..1: how sure it is, not normalised. */
  scores(text: AnalysedText): Float64Array {
    this.call = (this.call + 1) >>> 0 || 1;
    const features = this.features;
    features.length = 0;
    for (const stem of text.stems) {
      const index = this.featureIndex.get(stem);
      if (index === undefined || this.seenIn[index] === this.call) continue;
      this.seenIn[index] = this.call;
      features.push(index);
    }
    const scores = new Float64Array(this.labels.length);
    for (let label = 0; label < this.labels.length; label += 1) {
      if (!this.trainedLabels[label]) continue;
      const weight = this.weights[label];
      const present = this.labelFeatures[label];
      let sum = this.biases[label];
      let activated = false;
      for (let i = 0; i < features.length; i += 1) {
        sum += weight[features[i]];
        if (present[features[i]]) activated = true;
      }
      if (activated && sum > 0) scores[label] = Math.min(1, NETWORK.alpha * sum);
    }
    return scores;
  }
}

// ---------------------------------------------------------------------------------------------
// One locale: analyser, lexicons and models.

export interface LocaleEvidence {
  readonly locale: Locale;
  readonly topicModel: Float64Array;
  readonly topicTerms: Float64Array;
  readonly perspectiveModel: Float64Array;
  readonly perspectiveCues: Float64Array;
  /** How many words refer to the writer ("ik", "I", "me"), outside quoted speech. */
  readonly selfReferences: number;
  readonly intentModel: Float64Array;
  readonly intentCues: Float64Array;
  /** How much of the text this locale's vocabulary recognised; decides between locales. */
  readonly recognition: number;
}

const TOPIC_MODEL_LABELS: readonly string[] = [...TOPICS, NO_TOPIC];
const CUE_INTENTS: readonly Intent[] = INTENTS_WITH_CUES;

class LocaleClassifier {
  private constructor(
    readonly analyser: LocaleAnalyser,
    private readonly topicTerms: Lexicon,
    private readonly perspectiveCues: Lexicon,
    private readonly selfReferences: Lexicon,
    private readonly intentCues: Lexicon,
    private readonly intentUnless: Lexicon,
    readonly intentModel: TrainedModel,
    readonly topicModel: TrainedModel,
    readonly perspectiveModel: TrainedModel,
  ) {}

  static create(container: NlpjsContainer, locale: Locale, training: NluTraining): LocaleClassifier {
    const analyser = new LocaleAnalyser(container, locale);
    const { lexicon } = training;
    const topicTerms = new Lexicon(TOPICS, lexicon.topics, analyser);
    const perspectiveCues = new Lexicon(PERSPECTIVES, lexicon.perspectives, analyser);
    const selfReferences = new Lexicon(['self'], { self: lexicon.selfReferences }, analyser);
    const cueLists = Object.fromEntries(CUE_INTENTS.map((intent) => [intent, lexicon.intents[intent as keyof typeof lexicon.intents].cues]));
    const unlessLists = Object.fromEntries(CUE_INTENTS.map((intent) => [intent, lexicon.intents[intent as keyof typeof lexicon.intents].unless]));
    const intentCues = new Lexicon(CUE_INTENTS, cueLists, analyser);
    const intentUnless = new Lexicon(CUE_INTENTS, unlessLists, analyser);

    const labelled = (groups: Readonly<Record<string, readonly string[]>>) =>
      Object.entries(groups).flatMap(([label, utterances]) => utterances.map((utterance) => ({ utterance, label })));
    const intentExamples = labelled(training.intents);

    // Utterances that name no topic teach the topic model what "no topic" looks like.
    const noTopicExamples = intentExamples
      .filter(({ utterance }) => topicTerms.score(analyser.analyse(utterance)).every((score) => score === 0))
      .map(({ utterance }) => ({ utterance, label: NO_TOPIC }));
    const intentModel = TrainedModel.train(analyser, [...CUE_INTENTS, 'guidance'], intentExamples);
    const topicModel = TrainedModel.train(analyser, TOPIC_MODEL_LABELS, [...labelled(training.topics), ...noTopicExamples]);
    const perspectiveModel = TrainedModel.train(analyser, PERSPECTIVES, labelled(training.perspectives));
    analyser.finishTraining();
    return new LocaleClassifier(
      analyser,
      topicTerms,
      perspectiveCues,
      selfReferences,
      intentCues,
      intentUnless,
      intentModel,
      topicModel,
      perspectiveModel,
    );
  }

  matchedTerms(text: string): string[] {
    const analysed = this.analyser.analyse(text);
    return [this.topicTerms, this.perspectiveCues, this.intentCues, this.intentUnless].flatMap((lexicon, index) =>
      lexicon.matchedTerms(analysed).map((term) => `${['topic', 'perspective', 'intent', 'unless'][index]}:${term}`),
    );
  }

  evidence(text: string): LocaleEvidence {
    const analysed = this.analyser.analyse(text);
    const topicTerms = this.topicTerms.score(analysed);
    // Whose "I" a quote holds is the speaker's ("he said 'I'll kill you'"), not the writer's.
    const unquoted = withoutQuotedSpeech(text);
    const ownWords = unquoted === text ? analysed : this.analyser.analyse(unquoted);
    const perspectiveCues = this.perspectiveCues.score(ownWords);
    const intentCues = this.intentCues.score(analysed);
    const unless = this.intentUnless.score(analysed);
    for (let i = 0; i < intentCues.length; i += 1) if (unless[i] > 0) intentCues[i] = 0;
    const intentModel = this.intentModel.scores(analysed);
    return {
      locale: this.analyser.locale,
      topicModel: this.topicModel.scores(analysed),
      topicTerms,
      perspectiveModel: this.perspectiveModel.scores(ownWords),
      perspectiveCues,
      selfReferences: this.selfReferences.score(ownWords)[0],
      intentModel,
      intentCues,
      recognition: sum(topicTerms) + sum(perspectiveCues) + sum(intentCues) + max(intentModel),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Decisions.

/** `urgency` is null for a calm message; an urgent rule may imply a topic ("weapon": aggression). */
function decide(evidence: LocaleEvidence, urgency: UrgencyReason | null): Omit<Classification, 'locale' | 'urgent'> {
  const urgent = urgency !== null;
  const topicScores = new Float64Array(TOPICS.length);
  for (let i = 0; i < TOPICS.length; i += 1) {
    topicScores[i] = evidence.topicModel[i] + TOPIC_TERM_WEIGHT * evidence.topicTerms[i];
  }
  const bestTopic = argmax(topicScores);
  const modelTopic = argmax(evidence.topicModel);
  const namesTopic =
    max(evidence.topicTerms) > 0 || (modelTopic < TOPICS.length && evidence.topicModel[modelTopic] >= MIN_TOPIC_SCORE);
  const hasPerspectiveCue = max(evidence.perspectiveCues) > 0;
  // A pronoun ("me", "her") hints at a perspective but is no situation; "ik zag" or "my team" is.
  const hasPerspectivePhrase = max(evidence.perspectiveCues) >= MIN_SITUATION_CUE;

  const intent = chooseIntent(evidence, namesTopic || hasPerspectivePhrase || urgent);
  const describesSituation = INTENTS_WITH_SITUATION.includes(intent);
  // A knife or a threat to kill names the situation even when no topic word does.
  const topic = !describesSituation ? null : namesTopic ? TOPICS[bestTopic] : (urgency?.topic ?? null);

  const perspective = describesSituation && (topic !== null || hasPerspectiveCue || urgent) ? choosePerspective(evidence) : null;

  const likelyTopics = TOPICS.map((candidate, index) => ({ candidate, score: topicScores[index] }))
    .filter(({ score }) => score > MIN_LIKELY_TOPIC_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_LIKELY_TOPICS)
    .map(({ candidate }) => candidate);
  if (topic !== null && !likelyTopics.includes(topic)) likelyTopics.unshift(topic);
  return { intent, topic, perspective, likelyTopics: likelyTopics.slice(0, MAX_LIKELY_TOPICS) };
}

/**
 * An explicit statement of being accused ("a complaint about me", "my joke") or of a manager's
 * role ("as her manager", "one of my nurses") decides, in that order, even when the message also
 * tells what happened to someone; otherwise cues, the model and the witness prior weigh up.
 */
function choosePerspective(evidence: LocaleEvidence): Perspective {
  const cues = evidence.perspectiveCues;
  const accused = PERSPECTIVES.indexOf('accused');
  const manager = PERSPECTIVES.indexOf('manager');
  if (cues[accused] >= ROLE_STATEMENT) return 'accused';
  if (cues[manager] >= ROLE_STATEMENT) return 'manager';
  const witness = PERSPECTIVES.indexOf('witness');
  const scores = new Float64Array(PERSPECTIVES.length);
  for (let i = 0; i < PERSPECTIVES.length; i += 1) {
    scores[i] = PERSPECTIVE_MODEL_WEIGHT * evidence.perspectiveModel[i] + PERSPECTIVE_CUE_WEIGHT * cues[i];
  }
  if (evidence.selfReferences > 0 && cues[witness] === 0) scores[PERSPECTIVES.indexOf('target')] += SELF_PRIOR;
  else scores[witness] += WITNESS_PRIOR;
  return PERSPECTIVES[argmax(scores)];
}

/** A situation asks for guidance unless a cue names another intent; greetings never outweigh a situation. */
function chooseIntent(evidence: LocaleEvidence, describesSituation: boolean): Intent {
  const helpIndex = CUE_INTENTS.indexOf('help');
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < CUE_INTENTS.length; i += 1) {
    if (evidence.intentCues[i] === 0 || (i === helpIndex && describesSituation)) continue;
    const score = INTENT_CUE_WEIGHT * evidence.intentCues[i] + evidence.intentModel[i];
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return CUE_INTENTS[best];
  if (describesSituation) return 'guidance';
  const labels = [...CUE_INTENTS, 'guidance'] as const;
  const top = argmax(evidence.intentModel);
  if (evidence.intentModel[top] >= MIN_INTENT_SCORE) return labels[top];
  return max(evidence.intentModel) > 0 ? 'guidance' : 'help';
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i] > values[best]) best = i;
  return best;
}

function max(values: ArrayLike<number>): number {
  return values.length === 0 ? 0 : values[argmax(values)];
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i];
  return total;
}

// ---------------------------------------------------------------------------------------------
// Urgency: regular expressions over both languages on purpose (content/nlu/urgent.json). Rules
// combine kinds of wording ("violence" and "now", "weapon" unless "past"), so a phrasing nobody
// wrote down is still caught when its parts are; phrases cover what is urgent on its own.

/** Lower case without diacritics or curly quotes, so "Patiënt" and "can’t" match plain lower-case patterns. */
function normalizeForUrgency(text: string): string {
  return withoutDiacritics(text).replace(/[’‘`´]/g, "'").toLowerCase();
}

function withoutDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function compileExpression(source: string): RegExp {
  return new RegExp(withoutDiacritics(source), 'u');
}

/** What made a message urgent: a rule's kind (with the topic it implies, if any), or "phrase". */
interface UrgencyReason {
  readonly kind: string;
  readonly topic?: Topic;
}

const URGENT_PHRASE: UrgencyReason = { kind: 'phrase' };

/**
 * Patterns are lower case (the schema checks) and matched against lower-cased text without the
 * `i` flag: case-insensitive Unicode matching is about ten times slower in V8. Each signal is one
 * alternation, tested at most once per message.
 */
function compileUrgency(patterns: UrgentPatterns): (text: string) => UrgencyReason | null {
  const signalNames = Object.keys(patterns.signals);
  const signals = signalNames.map((name) =>
    compileExpression(LOCALES.flatMap((locale) => patterns.signals[name][locale]).map((source) => `(?:${source})`).join('|')),
  );
  const rules = patterns.rules.map(({ kind, topic, all, unless }) => ({
    reason: topic ? { kind, topic } : { kind },
    all: all.map((name) => signalNames.indexOf(name)),
    unless: unless.map((name) => signalNames.indexOf(name)),
  }));
  const phrases = LOCALES.flatMap((locale) => patterns[locale].map(compileExpression));
  // 0: not tested yet in this message, 1: absent, 2: present.
  const state = new Uint8Array(signals.length);
  return (text) => {
    const normalized = normalizeForUrgency(text);
    state.fill(0);
    const has = (signal: number) => {
      if (state[signal] === 0) state[signal] = signals[signal].test(normalized) ? 2 : 1;
      return state[signal] === 2;
    };
    for (const rule of rules) {
      if (rule.all.every(has) && !rule.unless.some(has)) return rule.reason;
    }
    for (const phrase of phrases) if (phrase.test(normalized)) return URGENT_PHRASE;
    return null;
  };
}

// ---------------------------------------------------------------------------------------------

export interface ClassifierInternals {
  /** The scores behind a classification, for tuning. */
  explain(text: string, locale: Locale): LocaleEvidence & { readonly matchedTerms: readonly string[] };
  /** Which urgent rule ("violence now", ...) or "phrase" flags the text, or null. */
  urgencyReason(text: string): string | null;
}

/**
 * Three small neural models per locale (intent, topic, perspective) trained at start from
 * content/nlu with nlp.js's language tools, combined with the lexicons there, plus the urgent
 * rules and phrases.
 */
export async function createClassifier(
  training: Readonly<Record<Locale, NluTraining>>,
  urgentPatterns: UrgentPatterns,
): Promise<Classifier & ClassifierInternals> {
  const container = (await containerBootstrap()) as unknown as NlpjsContainer;
  container.use(LangEn);
  container.use(LangNl);

  const urgencyReason = compileUrgency(urgentPatterns);
  const locales = {} as Record<Locale, LocaleClassifier>;
  for (const locale of LOCALES) locales[locale] = LocaleClassifier.create(container, locale, training[locale]);

  return {
    isUrgent: (text) => urgencyReason(text) !== null,
    async classify(text, options = {}) {
      const normalized = text.normalize('NFKC').trim();
      const detected = options.locale ?? detectLocale(normalized);
      let evidence: LocaleEvidence;
      if (detected) {
        evidence = locales[detected].evidence(normalized);
      } else {
        // Without language evidence ("gedragscode"), the locale whose vocabulary recognises the text decides.
        const [nl, en] = [locales.nl.evidence(normalized), locales.en.evidence(normalized)];
        const fallback = options.fallbackLocale ?? 'nl';
        evidence = nl.recognition === en.recognition ? (fallback === 'nl' ? nl : en) : nl.recognition > en.recognition ? nl : en;
      }
      const urgency = urgencyReason(normalized);
      return {
        locale: detected ?? options.fallbackLocale ?? evidence.locale,
        urgent: urgency !== null,
        danger: urgency !== null ? 'now' : 'none',
        ...decide(evidence, urgency),
      };
    },
    explain(text, locale) {
      const normalized = text.normalize('NFKC').trim();
      return { ...locales[locale].evidence(normalized), matchedTerms: locales[locale].matchedTerms(normalized) };
    },
    urgencyReason: (text) => urgencyReason(text.normalize('NFKC').trim())?.kind ?? null,
  };
}
