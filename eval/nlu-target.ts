import { performance } from 'node:perf_hooks';
import { NluService } from '../src/nlu/nlu.service';
import type { NluContext } from '../src/nlu/nlu.types';
import type { Catalogue } from '../src/sports-api/domain';
import type { EvalPrediction } from './eval-case';
import type { EvalTarget } from './eval-target';

/** Local understanding only: what fills detected_intent, intent_confidence, entities and language. */
export class NluEvalTarget implements EvalTarget {
  readonly name = 'nlu';
  private readonly sessions = new Map<string, NluContext>();
  private nextId = 0;

  constructor(
    private readonly nlu: NluService,
    private readonly referenceDate?: Date,
  ) {}

  static withCatalogue(catalogue: Catalogue, referenceDate?: Date): NluEvalTarget {
    const nlu = new NluService();
    nlu.useCatalogue(catalogue);
    return new NluEvalTarget(nlu, referenceDate);
  }

  newSession(): string {
    const id = `s${++this.nextId}`;
    this.sessions.set(id, { previousUserMessages: [] });
    return id;
  }

  async send(sessionId: string, text: string): Promise<EvalPrediction> {
    const context = this.sessions.get(sessionId) ?? { previousUserMessages: [] };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = this.nlu.analyze(text, { ...context, referenceDate: this.referenceDate });
    const latency = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    this.sessions.set(sessionId, {
      previousUserMessages: [...context.previousUserMessages, text],
      previous: result,
    });
    return {
      detected_intent: result.intent,
      intent_confidence: result.confidence,
      entities: result.entities,
      language: result.language,
      latency_ms: latency,
      cpu_ms: (cpu.user + cpu.system) / 1000,
    };
  }
}
