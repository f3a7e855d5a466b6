import type { TrainedNetwork } from '../../content/contentSchema';
import { decodeBytes, decodeFloat32, encodeTypedArray } from './storedFloats';
import type { AnalysedText, LocaleAnalyser } from './textAnalysis';

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

export interface TrainingExample {
  readonly utterance: string;
  readonly label: string;
}

export class TrainedModel {
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

  /** The trained network as content/nlu/trained.json stores it (exact: the float32 weights are stored as their bytes). */
  toJSON(): TrainedNetwork {
    return {
      labels: [...this.labels],
      features: [...this.featureIndex.keys()],
      weights: this.weights.map(encodeTypedArray),
      biases: [...this.biases],
      labelFeatures: this.labelFeatures.map(encodeTypedArray),
      trainedLabels: [...this.trainedLabels].map((trained) => (trained ? 1 : 0)),
    };
  }

  static fromJSON(stored: TrainedNetwork): TrainedModel {
    const size = stored.features.length;
    const weights = stored.weights.map((encoded) => decodeFloat32(encoded, size, 'a network\'s weights'));
    const labelFeatures = stored.labelFeatures.map((encoded) => decodeBytes(encoded, size, 'a network\'s label features'));
    return new TrainedModel(
      stored.labels,
      new Map(stored.features.map((feature, index) => [feature, index])),
      weights,
      Float64Array.from(stored.biases),
      labelFeatures,
      Uint8Array.from(stored.trainedLabels),
    );
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
