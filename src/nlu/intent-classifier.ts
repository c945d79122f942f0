import { type Intent, INTENTS } from '../common/protocol';
import type { FeatureVector } from './intent-features';

export interface IntentScore {
  intent: Intent;
  /** Probability of the winning intent under the model, 0..1. */
  confidence: number;
  /** Share of the message's word features seen in training (0 = gibberish). */
  familiarity: number;
}

export interface LabelledFeatures {
  features: FeatureVector;
  intent: Intent;
}

export interface TrainingSettings {
  epochs: number;
  learningRate: number;
  /** L2 penalty: keeps single rare words from deciding alone, which is what generalises. */
  l2: number;
}

const DEFAULTS: TrainingSettings = { epochs: 40, learningRate: 0.4, l2: 0.0005 };

/**
 * Multinomial logistic regression (softmax) over sparse binary features, trained by SGD at
 * startup in a few tens of milliseconds. Chosen over the @nlpjs one-layer network after measuring
 * both on held-out phrasings: the softmax gives probabilities that sum to 1 (so the confidence
 * means something and low values can become UNCLEAR) and it does not fall silent on messages
 * that mix known and unknown words. Deterministic: fixed sample order, no random init.
 */
export class IntentClassifier {
  private readonly weights = new Map<string, Float64Array>();
  private readonly bias = new Float64Array(INTENTS.length);

  constructor(samples: LabelledFeatures[], settings: Partial<TrainingSettings> = {}) {
    const { epochs, learningRate, l2 } = { ...DEFAULTS, ...settings };
    const data = samples.map((s) => ({ keys: Object.keys(s.features), target: INTENTS.indexOf(s.intent) }));
    for (const { keys } of data)
      for (const key of keys)
        if (!this.weights.has(key)) this.weights.set(key, new Float64Array(INTENTS.length));
    const rows = data.map(({ keys, target }) => ({
      weights: keys.map((key) => this.weights.get(key)!),
      target,
    }));
    const order = rows.map((_, i) => i);
    const probabilities = new Float64Array(INTENTS.length);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, epoch + 1);
      const rate = learningRate / (1 + epoch * 0.1);
      for (const i of order) {
        const { weights, target } = rows[i];
        this.softmax(weights, probabilities);
        for (let k = 0; k < INTENTS.length; k++) {
          const gradient = probabilities[k] - (k === target ? 1 : 0);
          this.bias[k] -= rate * gradient;
          for (const w of weights) w[k] -= rate * (gradient + l2 * w[k]);
        }
      }
    }
  }

  classify(features: FeatureVector): IntentScore {
    const keys = Object.keys(features);
    const wordKeys = keys.filter((k) => k.startsWith('w:'));
    const familiarity =
      wordKeys.length === 0 ? 0 : wordKeys.filter((k) => this.weights.has(k)).length / wordKeys.length;
    const probabilities = this.probabilities(keys);
    let best = 0;
    for (let k = 1; k < INTENTS.length; k++) if (probabilities[k] > probabilities[best]) best = k;
    return { intent: INTENTS[best], confidence: Math.round(probabilities[best] * 1000) / 1000, familiarity };
  }

  private probabilities(keys: string[]): Float64Array {
    const rows: Float64Array[] = [];
    for (const key of keys) {
      const w = this.weights.get(key);
      if (w) rows.push(w);
    }
    return this.softmax(rows, new Float64Array(INTENTS.length));
  }

  private softmax(rows: Float64Array[], out: Float64Array): Float64Array {
    let max = -Infinity;
    for (let k = 0; k < out.length; k++) {
      let score = this.bias[k];
      for (const w of rows) score += w[k];
      out[k] = score;
      if (score > max) max = score;
    }
    let sum = 0;
    for (let k = 0; k < out.length; k++) sum += out[k] = Math.exp(out[k] - max);
    for (let k = 0; k < out.length; k++) out[k] /= sum;
    return out;
  }
}

/** Deterministic Fisher–Yates with a small LCG, so training gives the same model every start. */
function shuffle(items: number[], seed: number): void {
  let state = seed >>> 0;
  for (let i = items.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
