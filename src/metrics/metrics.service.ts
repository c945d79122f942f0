import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Transport = 'rest' | 'socketio' | 'ws';
export type TurnOutcome = 'ok' | 'stopped' | 'error' | 'replayed';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The Prometheus registry of the process. A leaf: features call it to record, it imports nothing,
 * so any module may depend on it without cycles.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly turns = new Counter({
    name: 'chatbet_turns_total',
    help: 'Chat turns by transport, intent and outcome',
    labelNames: ['transport', 'intent', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly turnDuration = new Histogram({
    name: 'chatbet_turn_duration_seconds',
    help: 'Time from an accepted message to its final event',
    labelNames: ['transport'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly firstDelta = new Histogram({
    name: 'chatbet_time_to_first_delta_seconds',
    help: 'Time from an accepted message to the first streamed text',
    labelNames: ['transport'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly toolCalls = new Counter({
    name: 'chatbet_tool_calls_total',
    help: 'Agent tool calls by tool and status',
    labelNames: ['tool', 'status'] as const,
    registers: [this.registry],
  });

  readonly toolDuration = new Histogram({
    name: 'chatbet_tool_duration_seconds',
    help: 'Agent tool call latency by tool',
    labelNames: ['tool'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly llmFinishes = new Counter({
    name: 'chatbet_llm_finish_total',
    help: 'Model replies by how they ended: stop, empty, malformed_function_call, max_tokens, safety, recitation, blocked_prompt, other (retried replies count too)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly groundingCorrections = new Counter({
    name: 'chatbet_grounding_corrections_total',
    help: 'Figures in streamed answers that did not match the tool results, by kind (price, amount, percent, time) and action (replaced by the fact, or fallback to the tool results written out)',
    labelNames: ['kind', 'action'] as const,
    registers: [this.registry],
  });

  readonly cacheEvents = new Counter({
    name: 'chatbet_cache_events_total',
    help: 'Cache lookups by namespace and outcome (hit, miss, stale)',
    labelNames: ['namespace', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sportsApiCalls = new Counter({
    name: 'chatbet_sports_api_requests_total',
    help: 'Upstream sports API attempts (each retry counts) by endpoint and status: HTTP code, timeout, network, stopped',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });

  readonly breakerState = new Gauge({
    name: 'chatbet_sports_api_breaker_state',
    help: 'Sports API circuit breaker: 0 closed, 1 half-open, 2 open',
    registers: [this.registry],
  });

  readonly betsPlaced = new Counter({
    name: 'chatbet_bets_placed_total',
    help: 'Bets placed on the sportsbook (a confirmation answered with a stored receipt does not count again)',
    registers: [this.registry],
  });

  readonly authFailures = new Counter({
    name: 'chatbet_auth_failures_total',
    help: 'Refused credentials by transport (rest, socketio, ws) and reason: missing, api_key, token, token_expired, forbidden (a token speaking for another user)',
    labelNames: ['transport', 'reason'] as const,
    registers: [this.registry],
  });

  readonly betsRefused = new Counter({
    name: 'chatbet_bets_refused_total',
    help: 'Bet confirmations refused, by reason (the error code: PROPOSAL_EXPIRED, INSUFFICIENT_BALANCE, NOT_FOUND, …)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'chatbet_connected_sockets',
    help: 'Open client connections by transport',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });

  readonly resumes = new Counter({
    name: 'chatbet_resumes_total',
    help: 'Socket.IO resume requests by outcome: running (followed live), finished (final from the frame log), stored (final from the stored response), not_found',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly liveSubscribers = new Gauge({
    name: 'chatbet_live_subscribers',
    help: 'Connections on this instance following live updates (at least one subscription), by transport',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });

  readonly livePolledFixtures = new Gauge({
    name: 'chatbet_live_polled_fixtures',
    help: 'Fixtures the live poller read at its last poll (0 on instances that do not hold the poller lease)',
    registers: [this.registry],
  });

  readonly livePollerLeader = new Gauge({
    name: 'chatbet_live_poller_leader',
    help: '1 while this instance holds the live poller lease (exactly one instance of a cluster should)',
    registers: [this.registry],
  });

  readonly livePolls = new Counter({
    name: 'chatbet_live_polls_total',
    help: 'Live polls run by this instance (each reads every followed fixture through the cache)',
    registers: [this.registry],
  });

  readonly liveUpdatesSent = new Counter({
    name: 'chatbet_live_updates_sent_total',
    help: 'Live events delivered to connections on this instance, by transport and event (odds_update, match_update, slip_update)',
    labelNames: ['transport', 'event'] as const,
    registers: [this.registry],
  });

  readonly coalescingWindow = new Gauge({
    name: 'chatbet_coalescing_window_ms',
    help: 'How long streamed text may wait to join a frame, in ms: 16 while the event loop keeps up, wider (up to 50) while it lags',
    registers: [this.registry],
  });

  constructor() {
    // Process metrics include nodejs_eventloop_lag_seconds, the event-loop lag the issue asks for.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
