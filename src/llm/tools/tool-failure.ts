/**
 * A failure a tool expects and can name (no such match, outcome not offered, bad input). The tool
 * runner turns it into a result the model explains; unlike an unexpected error it does not mark
 * the turn degraded, because no dependency failed.
 */
export class ToolFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Facts the answer may need (the balance a stake exceeded…), sent with the error. */
    readonly facts?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ToolFailure';
  }
}

/** Resolves with the promise, or rejects as soon as the signal aborts (the call itself may go on). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
