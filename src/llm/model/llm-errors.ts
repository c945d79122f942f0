import { DomainError, LlmUnavailableError } from '../../common/errors';

/** HTTP status of a provider error, whatever SDK threw it. */
export function providerStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  const status = e.status ?? e.statusCode ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Worth another try: rate limits, server errors and connection failures. Bad requests, bad keys
 * and our own errors are not; retrying them only delays the same answer.
 */
export function isRetryableModelError(error: unknown): boolean {
  if (error instanceof DomainError) return false;
  const status = providerStatus(error);
  if (status !== undefined) return status === 429 || status >= 500;
  const message = error instanceof Error ? error.message : String(error);
  return /fetch failed|ECONNRESET|ECONNREFUSED|socket hang up|Error fetching from|reading from the stream/i.test(
    message,
  );
}

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * How long the provider asked us to wait before trying again, if it said: google.rpc.RetryInfo's
 * `retryDelay` in the error body's details (Gemini's 429 names the quota's reset, e.g. "30s"),
 * and a `Retry-After` header (seconds or an HTTP date). When both are given the longer one counts.
 */
export function providerRetryDelayMs(error: unknown, now = Date.now()): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { errorDetails?: unknown; retryAfter?: unknown };
  const delays: number[] = [];
  if (Array.isArray(e.errorDetails)) {
    for (const detail of e.errorDetails as Array<{ '@type'?: unknown; retryDelay?: unknown }>) {
      if (detail?.['@type'] !== RETRY_INFO) continue;
      const ms = durationMs(detail.retryDelay);
      if (ms !== undefined) delays.push(ms);
    }
  }
  if (typeof e.retryAfter === 'string') {
    const ms = retryAfterMs(e.retryAfter, now);
    if (ms !== undefined) delays.push(ms);
  }
  return delays.length > 0 ? Math.max(...delays) : undefined;
}

/** A protobuf Duration as JSON writes it ("30s", "0.250s"), or as an object ({ seconds, nanos }). */
function durationMs(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    return match ? Math.round(Number(match[1]) * 1000) : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = Number(seconds ?? 0);
    const n = Number(nanos ?? 0);
    return Number.isFinite(s) && Number.isFinite(n) ? Math.round(s * 1000 + n / 1e6) : undefined;
  }
  return undefined;
}

function retryAfterMs(header: string, now: number): number | undefined {
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The error a turn ends with when the model cannot answer. An LLM_UNAVAILABLE raised on our side
 * (the request limiter) passes as it is; a provider failure keeps its cause for the log and, when
 * the provider said how long to wait, that wait as the client's retry hint.
 */
export function toLlmUnavailable(error: unknown): LlmUnavailableError {
  if (error instanceof LlmUnavailableError) return error;
  const status = providerStatus(error);
  const reason = status ? `model provider answered ${status}` : 'model provider call failed';
  const retryAfterMs = providerRetryDelayMs(error);
  return new LlmUnavailableError(undefined, {
    cause: new Error(`${reason}: ${(error as Error)?.message ?? String(error)}`),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
