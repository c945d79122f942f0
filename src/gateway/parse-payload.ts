import type { z } from 'zod';
import { InvalidMessageError } from '../common/errors';

/** Validates a socket payload; failures are INVALID_MESSAGE with the problems per field, as REST reports them. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidMessageError('The payload must be a JSON object.');
  }
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  // A Map, not an object: a client may name its fields `__proto__`, `constructor` or `hasOwnProperty`.
  const fields = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    // Unknown fields are one issue naming them all.
    const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? 'payload')];
    const message = issue.code === 'unrecognized_keys' ? 'is not an accepted field' : issue.message;
    for (const name of names) fields.set(name, [...(fields.get(name) ?? []), message]);
  }
  // fromEntries defines own properties, so even `__proto__` arrives as a plain field name.
  throw new InvalidMessageError(undefined, { fields: Object.fromEntries(fields) });
}
