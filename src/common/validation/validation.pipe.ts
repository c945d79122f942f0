import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidMessageError, MessageTooLongError } from '../errors';

/**
 * No request this API accepts nests deeper than a few levels; class-transformer and
 * class-validator recurse, so a body of thousands of nested arrays would overflow the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max`, measured without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function collect(errors: ValidationError[], prefix = '', into = new Map<string, string[]>()): Map<string, string[]> {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into.set(path, Object.values(error.constraints));
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/** Refuses over-deep input before the recursive transform and validation ever see it. */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new InvalidMessageError(`The ${metadata.type} nests deeper than ${MAX_BODY_DEPTH} levels.`, { [metadata.type]: ['too deeply nested'] });
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The global pipe (registered as APP_PIPE so e2e tests get it too). Failures become
 * INVALID_MESSAGE with one entry per field; a message over its length limit is MESSAGE_TOO_LONG.
 */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      // A Map then fromEntries: a field named `__proto__` stays a field name.
      const fields = collect(errors);
      const tooLong = errors.find((e) => e.property === 'message' && e.constraints?.maxLength);
      if (tooLong && fields.size === 1) {
        const limit = Number(/(\d+)/.exec(tooLong.constraints!.maxLength)?.[1] ?? 0);
        return new MessageTooLongError(limit);
      }
      return new InvalidMessageError(undefined, { fields: Object.fromEntries(fields) });
    },
  });
}
