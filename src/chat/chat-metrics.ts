import { Injectable, Logger } from '@nestjs/common';
import { MetricsService, type Transport } from '../metrics/metrics.service';
import type { TurnSink } from './chat.types';

/** Who a turn is for, as the audit line names it. */
export interface TurnOrigin {
  transport: Transport;
  userId: string;
}

/**
 * Records what a turn does (outcome by transport and intent, latency, time to first delta, tool
 * calls, figures the grounding guard corrected) by watching its sink, so the pipeline itself
 * carries no metrics code. Refusals are not turns and are not counted here.
 *
 * Every turn and every refusal also leaves one `turn` audit line at info level, the same on every
 * transport: user, session, message id, intent, tools, latency, outcome (and error code). Never
 * the message text: that is the user's, and stays in the conversation store.
 */
@Injectable()
export class ChatMetrics {
  private readonly logger = new Logger('TurnAudit');

  constructor(private readonly metrics: MetricsService) {}

  observe({ transport, userId }: TurnOrigin, sink: TurnSink): TurnSink {
    const startedAt = performance.now();
    const audit = (fields: Record<string, unknown>) =>
      this.logger.log({ event: 'turn', transport, user_id: userId, latency_ms: Math.round(performance.now() - startedAt), ...fields }, 'turn');
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
        audit({
          session_id: response.session_id,
          message_id: response.message_id,
          intent: response.detected_intent,
          tools: response.function_calls_made.map((call) => `${call.name}:${call.status}`),
          outcome,
          ...(response.bet_proposal ? { proposal_id: response.bet_proposal.proposal_id } : {}),
          ...(response.degraded ? { degraded: true } : {}),
        });
        sink.final(response);
      },
      error: (error, ids) => {
        if (accepted) {
          this.metrics.turns.inc({ transport, intent: 'none', outcome: 'error' });
          this.metrics.turnDuration.observe({ transport }, seconds());
        }
        audit({ session_id: ids?.sessionId, message_id: ids?.messageId, outcome: accepted ? 'error' : 'refused', error_code: error.code });
        sink.error(error, ids);
      },
    };
  }
}
