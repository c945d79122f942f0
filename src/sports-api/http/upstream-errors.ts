/**
 * What can go wrong on the wire, before it becomes a domain error. The resilience policies
 * decide on these (retry? count towards the breaker?); HttpSportsApi maps them to the domain
 * errors of src/common/errors at its edge.
 */

export class UpstreamStatusError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail?: string,
  ) {
    super(`sports API ${method} ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'UpstreamStatusError';
  }
}

export class UpstreamTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly limitMs: number,
  ) {
    super(`sports API ${method} ${path} timed out after ${limitMs} ms`);
    this.name = 'UpstreamTimeoutError';
  }
}

export class UpstreamNetworkError extends Error {
  constructor(method: string, path: string, cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    super(`sports API ${method} ${path} could not be reached: ${reason}`, { cause });
    this.name = 'UpstreamNetworkError';
  }
}

/** A 2xx whose body is not JSON: the service is not answering as itself (a proxy page, a crash). */
export class UpstreamPayloadError extends Error {
  constructor(method: string, path: string) {
    super(`sports API ${method} ${path} answered with a body that is not JSON`);
    this.name = 'UpstreamPayloadError';
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof UpstreamStatusError && error.status === 401;
}

/** Failures that say the service is unwell (worth a retry, counted by the breaker). 4xx are not. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof UpstreamStatusError) return error.status >= 500 || error.status === 429;
  return (
    error instanceof UpstreamTimeoutError ||
    error instanceof UpstreamNetworkError ||
    error instanceof UpstreamPayloadError
  );
}
