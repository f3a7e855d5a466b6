import type { TrainedDangerModel } from '../../content/contentSchema';
import type { Locale } from '../vocabulary';
import type { CueKind } from './dangerKinds';
import type { TokenisedText } from './sentenceTokens';
import { decodeInt16, encodeTypedArray } from './storedFloats';

/*
 * A trained safety net beside the danger rules. The rules know the wordings someone wrote down;
 * this logistic regression has read every labelled tune message (content/nlu/examples.json)
 * and weighs what the rules do not: words, word beginnings ("stalk", "wurg", "kalium"), pairs of
 * adjacent tokens ("is_attacking", "me_na") and which cue kinds a message has. It moves a level mostly to `unclear` (the danger question): a
 * `none` it finds likely urgent, a `now` it finds very unlikely. Only when the rules saw the
 * present ("right now", "help", "he is still here") and the model is very sure does a `none`
 * become `now`. It never lowers anything to `none`, so a word it over-learned costs one question.
 *
 * Features are language-independent (the danger tokens of both languages): a word, its first
 * PREFIX_LETTERS letters, each pair of adjacent tokens and the cue kinds of the message (not the rules' level, which on the
 * data the rules were tuned on would teach it to copy them). Training is
 * deterministic (fixed order, fixed epochs), so the same content gives the same model.
 */

const PREFIX_LETTERS = 5;
const PAIR = 'b:';
/** A pair of adjacent tokens becomes a feature when at least this many training messages have it. */
const MIN_PAIR_MESSAGES = 2;
const EPOCHS = 12;
const LEARNING_RATE = 0.2;
const L2 = 1e-4;
/**
 * A `none` of the rules becomes `now` when the model is at least this sure and the rules saw words of the
 * present (in cross-validation over the tune sets 2 of 472 calm messages with such words reached 0.7).
 */
export const NOW_PROBABILITY = 0.7;
/**
 * An `unclear` of the rules that rests only on past grammar ("he grabbed her", "she was followed") becomes
 * `none` below this: a story the model finds calm is over. Set low: on the tune sets' cross-validation
 * no urgent message fell under 0.1 (the lowest had 0.12).
 */
export const STORY_PROBABILITY = 0.1;
/** The operating point: from which probability the danger model and the field model (selfHarmField.ts) raise a `none` to the danger question. */
export interface DangerThresholds {
  /**
   * The danger model's cut, well below one half because a missed danger costs more than a question; a message of fewer than
   * ten tokens is asked about only from 0.4 (danger.ts).
   */
  readonly unclear: number;
  /** The self-harm field model's cut; it only judges what the rules and the danger model leave `none`. */
  readonly field: number;
}

/**
 * Per language of the message, chosen on the curve of urgent messages missed against calm messages asked, each tune file the
 * danger or field model learns left out in turn (`npm run --silent nlu:generalisation -- --danger-curve`; docs/EVALUATION.md
 * has the curve). The issue lets the safety net cost `unclear` on up to 10% of calm messages; the curve says where that is
 * worth spending. Lowering the danger model's cut finds about one urgent message per 16 calm ones asked (English, 0.25 to 0.2)
 * and none at all on the checking parts, so it stays. The field model finds self-harm told sideways far cheaper below 0.6:
 * English writers left out miss 32 -> 29 of 1,008 urgent messages at 0.3 for `unclear` on 5.5% -> 6.1% of 1,919 calm ones,
 * Dutch writers 24 -> 20 of 1,149 at 0.4 for 6.0% -> 6.2% of 2,048 (Dutch below 0.4 only asks more calm messages).
 */
export const DANGER_THRESHOLDS: Readonly<Record<Locale, DangerThresholds>> = {
  en: { unclear: 0.25, field: 0.3 },
  nl: { unclear: 0.25, field: 0.4 },
};

/** A message whose language the words do not tell is held to the lower cut of each: a missed danger costs more than a question. */
export const ANY_LANGUAGE_THRESHOLDS: DangerThresholds = {
  unclear: Math.min(...Object.values(DANGER_THRESHOLDS).map(({ unclear }) => unclear)),
  field: Math.min(...Object.values(DANGER_THRESHOLDS).map(({ field }) => field)),
};

/** A `now` of the rules becomes `unclear` when the model gives present danger less than this. */
export const DOUBT_PROBABILITY = 0.2;
/** Words shorter than this carry too little (articles, pronouns) and are left to the cue kinds. */
const MIN_WORD_LETTERS = 3;
const MAX_EXPLAINED_FEATURES = 5;
/**
 * Weights are rounded as they are trained, so the stored model is the trained one, in two bytes each instead of eight:
 * level k (1 to STORED_LEVELS, with its sign) is SMALLEST_WEIGHT x ratio^(k - 1), the ratio spreading the levels evenly on
 * a log scale up to the largest weight, so every weight keeps its size to 0.02%. A weight under SMALLEST_WEIGHT is dropped
 * with its feature (about a fifth of them). One signed byte per weight, as the regressions store theirs, rounds a weight by
 * up to 3% and changed the level of 8 of the 6,483 tune, checking and labelled messages; with two bytes and this smallest
 * weight none changes (at 0.01 one did).
 */
const STORED_LEVELS = 32767;
const SMALLEST_WEIGHT = 3e-3;
/** Kinds the rules tell apart that the model reads as the older kind they came from: a departure is an end, a post is news, a question about what to do a hypothetical. */
const MODEL_KIND: Partial<Record<CueKind, CueKind>> = { departed: 'resolved', post: 'news', procedure: 'hypothetical' };
/**
 * Kinds the model does not read: grammar of the present alone ("going on", "is ...ing") is no danger, and who a person is
 * ("the man who was discharged") is none either; the rules weigh them. The kinds of the self-harm field are ordinary words
 * one by one (a medicine, a bridge, a farewell card): only their combination means something, which the rules judge.
 */
const RULES_ONLY_KINDS: ReadonlySet<CueKind> = new Set<CueKind>(['now', 'looseNow', 'progressive', 'ongoing', 'description', 'farewell', 'method', 'absence', 'gone', 'plan', 'decidedCalm']);

export interface DangerExamples {
  /** Messages that needed the emergency route. */
  readonly now: readonly string[];
  /** Messages that did not, many of them near-misses (past, reported, hypothetical, figurative). */
  readonly none: readonly string[];
}

export interface ModelInput {
  readonly tokens: TokenisedText;
  readonly cueKinds: ReadonlySet<CueKind>;
}

export interface DangerModelVerdict {
  readonly probability: number;
  /** The features that pushed most towards danger, for `ask --explain`. */
  readonly strongest: readonly string[];
}

/** The features of one message, each once; bounded by the analysed tokens (the text is cut before tokenising). */
export function modelFeatures({ tokens, cueKinds }: ModelInput): string[] {
  const features = new Set<string>();
  for (const sentence of tokens.sentences) {
    for (const token of sentence.tokens) {
      if (token.length < MIN_WORD_LETTERS || token.startsWith(':')) continue;
      features.add(`w:${token}`);
      if (token.length > PREFIX_LETTERS) features.add(`p:${token.slice(0, PREFIX_LETTERS)}`);
    }
    // Adjacent pairs carry what single words lose: "is_attacking" against "was_attacked", "me_na", "he_s".
    for (let i = 1; i < sentence.tokens.length; i += 1) features.add(`${PAIR}${sentence.tokens[i - 1]}_${sentence.tokens[i]}`);
    if (sentence.exclaimed) features.add('x:exclaimed');
  }
  // A departure ("he left") is the end of a danger and a post news to the model, as they were before the rules told them apart.
  for (const kind of cueKinds) if (!RULES_ONLY_KINDS.has(kind)) features.add(`k:${MODEL_KIND[kind] ?? kind}`);
  return [...features];
}

export class DangerModel {
  private readonly weights: ReadonlyMap<string, number>;

  private constructor(
    private readonly features: readonly string[],
    /** Per feature its stored level (see STORED_LEVELS); the weights are decoded from them. */
    private readonly levels: Int16Array,
    private readonly ratio: number,
    private readonly bias: number,
  ) {
    this.weights = new Map(features.map((feature, index) => [feature, weightOfLevel(levels[index], ratio)]));
  }

  static train(examples: readonly { readonly features: readonly string[]; readonly urgent: boolean }[]): DangerModel {
    // A word pair seen in a single message says more about that message than about danger; dropping it keeps the stored model small.
    const seen = new Map<string, number>();
    for (const { features } of examples) for (const feature of features) if (feature.startsWith(PAIR)) seen.set(feature, (seen.get(feature) ?? 0) + 1);
    const kept = (feature: string) => !feature.startsWith(PAIR) || (seen.get(feature) ?? 0) >= MIN_PAIR_MESSAGES;
    // Features become indices once, so each epoch is arithmetic over typed arrays.
    const index = new Map<string, number>();
    const encoded = examples.map(({ features }) =>
      Int32Array.from(features.filter(kept), (feature) => {
        let id = index.get(feature);
        if (id === undefined) {
          id = index.size;
          index.set(feature, id);
        }
        return id;
      }),
    );
    const weights = new Float64Array(index.size);
    let bias = 0;
    // Both classes weigh the same in total, so the smaller (urgent) class is not drowned out.
    const urgentCount = examples.filter((example) => example.urgent).length;
    const calmCount = examples.length - urgentCount;
    const urgentWeight = examples.length / (2 * Math.max(1, urgentCount));
    const calmWeight = examples.length / (2 * Math.max(1, calmCount));
    for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
      const rate = LEARNING_RATE / (1 + epoch);
      for (let example = 0; example < examples.length; example += 1) {
        const features = encoded[example];
        const { urgent } = examples[example];
        let sum = bias;
        for (let i = 0; i < features.length; i += 1) sum += weights[features[i]];
        const gradient = ((urgent ? 1 : 0) - sigmoid(sum)) * (urgent ? urgentWeight : calmWeight);
        for (let i = 0; i < features.length; i += 1) weights[features[i]] += rate * (gradient - L2 * weights[features[i]]);
        bias += rate * gradient;
      }
    }
    return DangerModel.rounded([...index.keys()], weights, bias);
  }

  /** The trained weights rounded to their stored levels, features whose weight rounds to nothing left out. */
  private static rounded(features: readonly string[], weights: Float64Array, bias: number): DangerModel {
    let largest = SMALLEST_WEIGHT;
    for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
    const ratio = (largest / SMALLEST_WEIGHT) ** (1 / (STORED_LEVELS - 1));
    const kept: string[] = [];
    const levels: number[] = [];
    features.forEach((feature, id) => {
      const size = Math.abs(weights[id]);
      if (size < SMALLEST_WEIGHT / Math.sqrt(ratio)) return;
      const level = Math.min(STORED_LEVELS, Math.max(1, Math.round(Math.log(size / SMALLEST_WEIGHT) / Math.log(ratio)) + 1));
      kept.push(feature);
      levels.push(Math.sign(weights[id]) * level);
    });
    return new DangerModel(kept, Int16Array.from(levels), ratio, bias);
  }

  /** The model as content/nlu/trained.json stores it: exact, since the weights were rounded to their levels when trained. */
  toJSON(): TrainedDangerModel {
    return { bias: this.bias, features: [...this.features], weights: encodeTypedArray(this.levels), weightRatio: this.ratio };
  }

  static fromJSON(stored: TrainedDangerModel): DangerModel {
    return new DangerModel(stored.features, decodeInt16(stored.weights, stored.features.length, 'the danger model\'s weights'), stored.weightRatio, stored.bias);
  }

  judge(features: readonly string[]): DangerModelVerdict {
    let sum = this.bias;
    const contributions: [string, number][] = [];
    for (const feature of features) {
      const weight = this.weights.get(feature);
      if (weight === undefined) continue;
      sum += weight;
      if (weight > 0) contributions.push([feature, weight]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    return { probability: sigmoid(sum), strongest: contributions.slice(0, MAX_EXPLAINED_FEATURES).map(([feature]) => feature) };
  }
}

/** A stored level's weight: SMALLEST_WEIGHT x ratio^(|level| - 1), with the level's sign; level 0 is no weight. */
export function weightOfLevel(level: number, ratio: number): number {
  return level === 0 ? 0 : Math.sign(level) * SMALLEST_WEIGHT * ratio ** (Math.abs(level) - 1);
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}
