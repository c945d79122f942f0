import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy } from 'class-validator';

/** The protocol's id charset: user, session and message ids (1..128 of [A-Za-z0-9_.:-]). */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** protocol.md §2: messages are 1..2000 characters once trimmed. */
export const MESSAGE_MAX_LENGTH = 2000;

/** Trims strings and leaves anything else for the type check to reject. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * Like @MaxLength, but silent for non-strings, so `message: 123` is reported as a wrong type
 * (INVALID_MESSAGE) rather than as too long. Keeps the `maxLength` name the validation pipe
 * maps to MESSAGE_TOO_LONG.
 */
export function MaxMessageLength(max: number) {
  return ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value.length <= max,
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be shorter than or equal to $constraint1 characters`),
    },
  });
}
