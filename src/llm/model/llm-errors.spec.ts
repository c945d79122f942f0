import { GoogleGenerativeAIFetchError } from '@google/generative-ai';
import { LlmUnavailableError } from '../../common/errors';
import { GeminiFetchError } from './gemini-stream-transport';
import { providerRetryDelayMs, toLlmUnavailable } from './llm-errors';

const retryInfo = (retryDelay: unknown) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
const quotaFailure = { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'PerMinute' }] };
const tooMany = (details?: unknown[], retryAfter?: string) =>
  new GeminiFetchError('[429 Too Many Requests] quota', 429, 'Too Many Requests', details as never, retryAfter);

describe('providerRetryDelayMs', () => {
  it("reads google.rpc.RetryInfo's retryDelay among the error details, in either JSON form", () => {
    expect(providerRetryDelayMs(tooMany([quotaFailure, retryInfo('30s')]))).toBe(30_000);
    expect(providerRetryDelayMs(tooMany([retryInfo('0.250s')]))).toBe(250);
    expect(providerRetryDelayMs(tooMany([retryInfo({ seconds: 2, nanos: 500_000_000 })]))).toBe(2_500);
    // The SDK's own error class carries the same details (LIBRARY_FAST_PATHS=false).
    const sdk = new GoogleGenerativeAIFetchError('quota', 429, 'Too Many Requests', [retryInfo('7s')] as never);
    expect(providerRetryDelayMs(sdk)).toBe(7_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and takes the longer of the two hints', () => {
    expect(providerRetryDelayMs(tooMany(undefined, '12'))).toBe(12_000);
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(providerRetryDelayMs(tooMany(undefined, 'Sat, 05 Dec 2026 10:00:40 GMT'), now)).toBe(40_000);
    expect(providerRetryDelayMs(tooMany([retryInfo('3s')], '9'))).toBe(9_000);
    expect(providerRetryDelayMs(tooMany([retryInfo('30s')], '9'))).toBe(30_000);
  });

  it('says nothing when the provider did not, or said it in a form it cannot read', () => {
    expect(providerRetryDelayMs(tooMany([quotaFailure]))).toBeUndefined();
    expect(providerRetryDelayMs(tooMany([retryInfo('soon')], 'later'))).toBeUndefined();
    expect(providerRetryDelayMs(new Error('fetch failed'))).toBeUndefined();
    expect(providerRetryDelayMs(undefined)).toBeUndefined();
  });
});

describe('toLlmUnavailable', () => {
  it("carries the provider's wait as the client's retry hint, in whole seconds", () => {
    const error = toLlmUnavailable(tooMany([retryInfo('1.2s')]));
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.details).toEqual({ retry_after_s: 2 });
    expect((error.cause as Error).message).toMatch(/model provider answered 429/);
  });

  it('gives no hint when none is known, and passes our own LLM_UNAVAILABLE through as it is', () => {
    const plain = toLlmUnavailable(new GeminiFetchError('[503] overloaded', 503, 'Service Unavailable', undefined));
    expect(plain.retryAfterSeconds).toBeUndefined();
    expect(plain.details).toBeUndefined();
    const ours = new LlmUnavailableError(undefined, { retryAfterMs: 40_000 });
    expect(toLlmUnavailable(ours)).toBe(ours);
  });
});
