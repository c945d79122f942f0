import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface RestLoadResult {
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/**
 * autocannon on POST /api/v1/chat/message. Every request gets a fresh message_id and session so
 * the idempotency replay never short-circuits a turn; messages rotate through `messages`.
 */
export async function runRestLoad(options: {
  url: string;
  messages: string[];
  connections: number;
  durationS: number;
}): Promise<RestLoadResult> {
  let n = 0;
  const result = await autocannon({
    url: `${options.url}/api/v1/chat/message`,
    connections: options.connections,
    duration: options.durationS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            body: JSON.stringify({
              user_id: `rest-user-${i % 1000}`,
              session_id: `rest-${randomUUID()}`,
              message_id: `m-${randomUUID()}`,
              message: options.messages[i % options.messages.length],
            }),
          };
        },
      },
    ],
  });
  return {
    connections: options.connections,
    durationS: options.durationS,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: Math.round(result.latency.mean * 100) / 100,
    },
  };
}
