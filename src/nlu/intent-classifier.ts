import { type Intent, INTENTS, type Language } from '../common/protocol';
import { type FeatureSink, type FeatureVector, stem } from './intent-features';

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
  /** The same weights by kind of feature, for reading a message's features without naming them. */
  private readonly reader: RowReader;
  private readonly scores = new Float64Array(INTENTS.length);

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
    this.reader = new RowReader(this.weights);
  }

  /**
   * `classify` of the features `visit` hands over (visitFeatures), with the same result to the
   * last digit: rows are summed in the order the features come, each once, as `classify` sums
   * a vector's keys. Per message it builds no key strings and no vector.
   */
  classifyVisited(visit: (sink: FeatureSink) => void): IntentScore {
    const reader = this.reader;
    reader.start();
    visit(reader);
    const familiarity = reader.words === 0 ? 0 : reader.knownWords / reader.words;
    return this.scored(this.softmax(reader.rows, this.scores), familiarity);
  }

  classify(features: FeatureVector): IntentScore {
    const keys = Object.keys(features);
    const wordKeys = keys.filter((k) => k.startsWith('w:'));
    const familiarity =
      wordKeys.length === 0 ? 0 : wordKeys.filter((k) => this.weights.has(k)).length / wordKeys.length;
    return this.scored(this.probabilities(keys), familiarity);
  }

  private scored(probabilities: Float64Array, familiarity: number): IntentScore {
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

/** A weight row, and the last message that summed it (a feature counts once however often it comes). */
interface Row {
  weights: Float64Array;
  seen: number;
}

/** Words whose stem rows are kept per language, as many as stems are (intent-features.ts). */
const STEM_ROWS_MAX = 20_000;

/** Collects one message's weight rows from the features it is handed, in order, each once. */
class RowReader implements FeatureSink {
  private readonly byWord = new Map<string, Row>();
  private readonly byStem = new Map<string, Row>();
  private readonly byPair = new Map<string, Map<string, Row>>();
  private readonly byName = new Map<string, Row>();
  /** Each word's stem row by language (null: a stem training never saw). */
  private readonly stemRowOf: Record<Language, Map<string, Row | null>> = { en: new Map(), es: new Map(), pt_br: new Map() };
  readonly rows: Float64Array[] = [];
  /** Distinct words of the message, and how many of them training saw. */
  words = 0;
  knownWords = 0;
  private readonly unknownWords: string[] = [];
  private message = 0;

  constructor(weights: Map<string, Float64Array>) {
    for (const [key, row] of weights) {
      const entry = { weights: row, seen: 0 };
      const name = key.slice(2);
      if (key.startsWith('w:')) this.byWord.set(name, entry);
      else if (key.startsWith('s:')) this.byStem.set(name, entry);
      else if (key.startsWith('b:')) {
        // Words hold no "_" ([a-z]+ or #num): the first one splits the pair.
        const cut = name.indexOf('_');
        const first = name.slice(0, cut);
        let seconds = this.byPair.get(first);
        if (!seconds) this.byPair.set(first, (seconds = new Map()));
        seconds.set(name.slice(cut + 1), entry);
      } else this.byName.set(key, entry);
    }
  }

  start(): void {
    this.message++;
    this.rows.length = 0;
    this.unknownWords.length = 0;
    this.words = 0;
    this.knownWords = 0;
  }

  word(token: string): void {
    const row = this.byWord.get(token);
    if (row) {
      if (row.seen === this.message) return;
      this.knownWords++;
      this.words++;
      this.add(row);
    } else if (!this.unknownWords.includes(token)) {
      this.unknownWords.push(token);
      this.words++;
    }
  }

  stem(word: string, language: Language): void {
    // A word's stem row, kept per word: one lookup instead of the stem's and then its row's.
    const known = this.stemRowOf[language];
    let row = known.get(word);
    if (row === undefined) {
      row = this.byStem.get(stem(word, language)) ?? null;
      if (known.size >= STEM_ROWS_MAX) known.clear();
      known.set(word, row);
    }
    if (row) this.add(row);
  }

  pair(first: string, second: string): void {
    this.add(this.byPair.get(first)?.get(second));
  }

  flag(name: string): void {
    this.add(this.byName.get(name));
  }

  private add(row: Row | undefined): void {
    if (!row || row.seen === this.message) return;
    row.seen = this.message;
    this.rows.push(row.weights);
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
