import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { codeForStatus } from './error-codes';
import { DomainError, MessageTooLongError, RateLimitedError } from './domain-errors';

/** Body-parser reports its own failures as plain errors carrying `type` and `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  /** Set by http-errors when body-parser wraps a stream error (e.g. zlib's Z_DATA_ERROR). */
  expose?: boolean;
  code?: string;
}

function bodyProblem(error: BodyParserError): string {
  if (error.type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return 'The request body uses a Content-Encoding or charset this API does not accept (use UTF-8 JSON, optionally gzip or deflate).';
  }
  if (error.code?.startsWith('Z_')) return 'The request body does not match its Content-Encoding (it could not be decompressed).';
  return 'The request body could not be read.';
}

/**
 * Turns anything thrown into a DomainError so every edge speaks one vocabulary. Unknown errors
 * become INTERNAL_ERROR with a generic sentence: their text stays in the log, never on the wire.
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof ThrottlerException) return new RateLimitedError(60);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeForStatus(status);
    const response = error.getResponse();
    const details =
      typeof response === 'object' && response !== null && 'details' in response
        ? (response as { details: Record<string, unknown> }).details
        : undefined;
    return new DomainError(code, undefined, details);
  }
  const bodyError = error as BodyParserError | null;
  if (bodyError && (typeof bodyError.type === 'string' || bodyError.expose === true)) {
    if (bodyError.type === 'entity.too.large') return new MessageTooLongError(bodyError.limit ?? 0);
    if (bodyError.status && bodyError.status >= 400 && bodyError.status < 500) {
      return new DomainError('INVALID_MESSAGE', bodyProblem(bodyError), { reason: bodyError.type ?? bodyError.code ?? 'body.unreadable' });
    }
  }
  return new DomainError('INTERNAL_ERROR', undefined, undefined, { cause: error });
}
