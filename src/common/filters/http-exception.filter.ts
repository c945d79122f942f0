import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type ErrorBody, LlmUnavailableError, RateLimitedError, toDomainError } from '../errors';
import { correlationIdOf } from '../http/correlation-id';

/** Every HTTP error leaves as an ErrorBody; 5xx causes go to the log under the same correlation id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toDomainError(exception);
    const correlationId = correlationIdOf(request, response);
    const status = error.httpStatus;
    if (status >= 500) {
      this.logger.error({ err: exception, correlation_id: correlationId, path: request.path }, 'request failed');
    }
    if ((error instanceof RateLimitedError || error instanceof LlmUnavailableError) && error.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    const body: ErrorBody = {
      error_code: error.code,
      message: error.code === 'INTERNAL_ERROR' ? error.userMessage() : error.message,
      correlation_id: correlationId,
      ...(error.details ? { details: error.details } : {}),
    };
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
