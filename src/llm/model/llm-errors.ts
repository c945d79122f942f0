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

export function toLlmUnavailable(error: unknown): LlmUnavailableError {
  const status = providerStatus(error);
  const reason = status ? `model provider answered ${status}` : 'model provider call failed';
  return new LlmUnavailableError(undefined, {
    cause: new Error(`${reason}: ${(error as Error)?.message ?? String(error)}`),
  });
}
