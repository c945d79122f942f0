import { Injectable } from '@nestjs/common';
import { MetricsService, type Transport } from '../metrics/metrics.service';
import type { TurnSink } from './chat.types';

/**
 * Records what a turn does (outcome by transport and intent, latency, time to first delta, tool
 * calls, figures the grounding guard corrected) by watching its sink, so the pipeline itself carries no metrics code. Refusals are not
 * turns and are not counted here.
 */
@Injectable()
export class ChatMetrics {
  constructor(private readonly metrics: MetricsService) {}

  observe(transport: Transport, sink: TurnSink): TurnSink {
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let accepted = false;
    let replay = false;
    let firstDelta = true;
    return {
      accepted: (ids) => {
        accepted = true;
        replay = ids.replay;
        sink.accepted(ids);
      },
      delta: (text) => {
        if (firstDelta) this.metrics.firstDelta.observe({ transport }, seconds());
        firstDelta = false;
        sink.delta(text);
      },
      toolCall: (event) => {
        if (event.status !== 'started') {
          this.metrics.toolCalls.inc({ tool: event.name, status: event.status });
          if (event.durationMs !== undefined) this.metrics.toolDuration.observe({ tool: event.name }, event.durationMs / 1000);
        }
        sink.toolCall(event);
      },
      final: (response) => {
        const outcome = replay ? 'replayed' : response.stopped ? 'stopped' : 'ok';
        this.metrics.turns.inc({ transport, intent: response.detected_intent, outcome });
        if (!replay) {
          this.metrics.turnDuration.observe({ transport }, seconds());
          for (const c of response.grounding?.corrected ?? [])
            this.metrics.groundingCorrections.inc({ kind: c.kind, action: c.fact === undefined ? 'fallback' : 'replaced' });
        }
        sink.final(response);
      },
      error: (error, ids) => {
        if (accepted) {
          this.metrics.turns.inc({ transport, intent: 'none', outcome: 'error' });
          this.metrics.turnDuration.observe({ transport }, seconds());
        }
        sink.error(error, ids);
      },
    };
  }
}
