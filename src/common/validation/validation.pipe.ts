import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidMessageError, MessageTooLongError } from '../errors';

function collect(errors: ValidationError[], prefix = '', into: Record<string, string[]> = {}): Record<string, string[]> {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/**
 * The global pipe (registered as APP_PIPE so e2e tests get it too). Failures become
 * INVALID_MESSAGE with one entry per field; a message over its length limit is MESSAGE_TOO_LONG.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = collect(errors);
      const tooLong = errors.find((e) => e.property === 'message' && e.constraints?.maxLength);
      if (tooLong && Object.keys(details).length === 1) {
        const limit = Number(/(\d+)/.exec(tooLong.constraints!.maxLength)?.[1] ?? 0);
        return new MessageTooLongError(limit);
      }
      return new InvalidMessageError(undefined, { fields: details });
    },
  });
}
