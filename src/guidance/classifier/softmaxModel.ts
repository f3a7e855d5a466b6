/*
 * A multinomial logistic regression: one weight per (feature, label), probabilities by softmax.
 * It reads named features (a stem, a pair of stems, a word beginning, a lexicon hit, a kind of
 * harm), so every decision can be explained by the few features that pushed it, and its weights
 * are plain numbers that serialise (toJSON/fromJSON) and train deterministically: a fixed order,
 * fixed epochs and no randomness, so the same examples give the same weights.
 *
 * Trained weights are rounded as they are stored, so a loaded model is exactly the trained one:
 * per feature, a power of two (its scale) and per label a whole number from -127 to 127 times it,
 * one byte each. That keeps content/nlu/trained.json small enough to load quickly at start-up; a
 * weight moves by at most half a step, 1/254 of the largest weight of its feature.
 */

import type { TrainedRegression } from '../../content/contentSchema';
import { decodeInt8, encodeTypedArray } from './storedFloats';

const EPOCHS = 20;
const LEARNING_RATE = 0.25;
const L2 = 2e-4;
const MIN_EXAMPLES_PER_FEATURE = 2;
/** The largest whole number a stored weight is, times its feature's scale (int8). */
const LEVELS = 127;
/**
 * A feature whose weights all stay under this is left out of the model: 5 to 20% of the features
 * (most for intent, where most features say nothing), and the evaluation figures stay the same.
 */
const NEGLIGIBLE_WEIGHT = 0.003;

export interface SoftmaxExample {
  readonly features: readonly string[];
  readonly label: string;
  /** How much this example counts (1 by default); the lexicon utterances count less than real messages. */
  readonly weight?: number;
}

export class SoftmaxModel {
  private constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    /** Row `feature` holds that feature's weight for each label; float32, as stored, so a loaded model answers as the trained one. */
    private readonly weights: Float32Array,
    private readonly biases: Float64Array,
    /** What content/nlu/trained.json stores, which these weights are decoded from. */
    private readonly stored: TrainedRegression,
  ) {}

  static train(labels: readonly string[], examples: readonly SoftmaxExample[]): SoftmaxModel {
    // A feature of a single example teaches little beyond that example and would be stored for nothing.
    const seen = new Map<string, number>();
    for (const { features } of examples) for (const feature of new Set(features)) seen.set(feature, (seen.get(feature) ?? 0) + 1);
    const featureIndex = new Map<string, number>();
    const encoded = examples.map(({ features, label }) => {
      const labelIndex = labels.indexOf(label);
      if (labelIndex < 0) throw new Error(`Unknown label ${label}`);
      const ids = new Set<number>();
      for (const feature of features) {
        if ((seen.get(feature) ?? 0) < MIN_EXAMPLES_PER_FEATURE) continue;
        let id = featureIndex.get(feature);
        if (id === undefined) {
          id = featureIndex.size;
          featureIndex.set(feature, id);
        }
        ids.add(id);
      }
      return { ids: Int32Array.from(ids), label: labelIndex };
    });
    const width = labels.length;
    const weights = new Float64Array(featureIndex.size * width);
    const biases = new Float64Array(width);
    const probabilities = new Float64Array(width);
    for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
      const rate = LEARNING_RATE / (1 + 0.5 * epoch);
      for (let example = 0; example < encoded.length; example += 1) {
        const { ids, label } = encoded[example];
        const importance = examples[example].weight ?? 1;
        score(ids, weights, biases, width, probabilities);
        for (let k = 0; k < width; k += 1) {
          const gradient = ((k === label ? 1 : 0) - probabilities[k]) * importance;
          biases[k] += rate * gradient;
          for (let i = 0; i < ids.length; i += 1) {
            const at = ids[i] * width + k;
            weights[at] += rate * (gradient - L2 * weights[at]);
          }
        }
      }
    }
    return SoftmaxModel.fromJSON({ labels: [...labels], ...roundedForStorage([...featureIndex.keys()], weights, width), biases: [...biases] });
  }

  static fromJSON(stored: TrainedRegression): SoftmaxModel {
    if (stored.biases.length !== stored.labels.length) throw new Error('content/nlu/trained.json: the biases of a regression have the wrong number of values; run npm run nlu:build');
    const featureIndex = new Map<string, number>();
    for (let index = 0; index < stored.features.length; index += 1) featureIndex.set(stored.features[index], index);
    return new SoftmaxModel(stored.labels, featureIndex, storedRegressionWeights(stored), Float64Array.from(stored.biases), stored);
  }

  toJSON(): TrainedRegression {
    return this.stored;
  }

  /** One probability per label (same order as `labels`); features the model never saw are ignored. */
  probabilities(features: readonly string[]): Float64Array {
    const ids: number[] = [];
    for (const feature of features) {
      const id = this.featureIndex.get(feature);
      if (id !== undefined) ids.push(id);
    }
    const result = new Float64Array(this.labels.length);
    score(ids, this.weights, this.biases, this.labels.length, result);
    return result;
  }

  /** The features that pushed most towards `label`, for `ask --explain`. */
  strongestFor(features: readonly string[], label: string, count: number): string[] {
    const k = this.labels.indexOf(label);
    const width = this.labels.length;
    return features
      .flatMap((feature) => {
        const id = this.featureIndex.get(feature);
        return id === undefined ? [] : [[feature, this.weights[id * width + k]] as const];
      })
      .filter(([, weight]) => weight > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([feature]) => feature);
  }
}

/** A stored regression's weights, feature by feature, one per label: each its whole number times its feature's scale. */
export function storedRegressionWeights(stored: TrainedRegression): Float32Array {
  const width = stored.labels.length;
  const levels = decodeInt8(stored.weights, stored.features.length * width, 'a regression\'s weights');
  const exponents = decodeInt8(stored.scaleExponents, stored.features.length, 'a regression\'s scales');
  const weights = new Float32Array(levels.length);
  for (let feature = 0; feature < exponents.length; feature += 1) {
    const scale = 2 ** exponents[feature];
    for (let at = feature * width; at < (feature + 1) * width; at += 1) weights[at] = levels[at] * scale;
  }
  return weights;
}

/** Per feature the smallest power of two that fits its largest weight in LEVELS steps, and the weights in those steps; negligible features left out. */
function roundedForStorage(features: readonly string[], weights: Float64Array, width: number): Pick<TrainedRegression, 'features' | 'weights' | 'scaleExponents'> {
  const kept: number[] = [];
  const exponents: number[] = [];
  for (let feature = 0; feature < features.length; feature += 1) {
    let largest = 0;
    for (let k = 0; k < width; k += 1) largest = Math.max(largest, Math.abs(weights[feature * width + k]));
    if (largest < NEGLIGIBLE_WEIGHT) continue;
    let exponent = Math.ceil(Math.log2(largest / LEVELS));
    if (largest / 2 ** exponent > LEVELS) exponent += 1;
    kept.push(feature);
    exponents.push(exponent);
  }
  const levels = new Int8Array(kept.length * width);
  kept.forEach((feature, row) => {
    const scale = 2 ** exponents[row];
    for (let k = 0; k < width; k += 1) levels[row * width + k] = Math.round(weights[feature * width + k] / scale);
  });
  return { features: kept.map((feature) => features[feature]), weights: encodeTypedArray(levels), scaleExponents: encodeTypedArray(Int8Array.from(exponents)) };
}

function score(ids: ArrayLike<number>, weights: Float64Array | Float32Array, biases: Float64Array, width: number, into: Float64Array): void {
  let top = -Infinity;
  for (let k = 0; k < width; k += 1) {
    let sum = biases[k];
    for (let i = 0; i < ids.length; i += 1) sum += weights[ids[i] * width + k];
    into[k] = sum;
    if (sum > top) top = sum;
  }
  let total = 0;
  for (let k = 0; k < width; k += 1) {
    into[k] = Math.exp(into[k] - top);
    total += into[k];
  }
  for (let k = 0; k < width; k += 1) into[k] /= total;
}
