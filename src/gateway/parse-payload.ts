import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { InvalidMessageError } from '../common/errors';

function collect(errors: ValidationError[], into: Record<string, string[]> = {}): Record<string, string[]> {
  for (const error of errors) {
    if (error.constraints) into[error.property] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, into);
  }
  return into;
}

/** Validates a socket payload with the same rules style as REST; failures are INVALID_MESSAGE with per-field details. */
export function parsePayload<T extends object>(type: new () => T, payload: unknown): T {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidMessageError('The payload must be a JSON object.');
  }
  const instance = plainToInstance(type, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new InvalidMessageError(undefined, { fields: collect(errors) });
  return instance;
}
