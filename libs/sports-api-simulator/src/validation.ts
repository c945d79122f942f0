import { z } from 'zod';

/** One entry of FastAPI's 422 body: `{"detail": [{type, loc, msg, input}, …]}`. */
export interface ValidationDetail {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class RequestValidationError extends Error {
  constructor(readonly details: ValidationDetail[]) {
    super('Request validation failed');
  }
}

/** Pydantic's lax float: JSON numbers and numeric strings both pass. */
export const laxNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/)
    .transform(Number),
]);

/** A positive amount sent as a string, as /place-bet expects ("100"). */
export const amountString = z
  .string()
  .refine((value) => Number.isFinite(Number(value)) && Number(value) > 0, {
    message: 'amount must be a positive number',
  });

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const PYDANTIC_TYPES: Record<string, [type: string, msg: string]> = {
  string: ['string_type', 'Input should be a valid string'],
  number: ['float_parsing', 'Input should be a valid number, unable to parse string as a number'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['model_attributes_type', 'Input should be a valid dictionary or object to extract fields from'],
  boolean: ['bool_parsing', 'Input should be a valid boolean, unable to interpret input'],
};

/** Maps zod issues onto Pydantic v2's error vocabulary so clients see what FastAPI would send. */
export function toValidationDetails(
  error: z.ZodError,
  root: unknown,
  location: 'body' | 'query',
): ValidationDetail[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const loc: Array<string | number> = [location, ...path];
    const input = valueAt(root, issue.path);
    if (input === undefined) {
      return {
        type: 'missing',
        loc,
        msg: 'Field required',
        input: valueAt(root, issue.path.slice(0, -1)) ?? null,
      };
    }
    if (issue.code === 'invalid_type') {
      const [type, msg] = PYDANTIC_TYPES[issue.expected] ?? ['value_error', issue.message];
      return { type, loc, msg, input };
    }
    if (issue.code === 'invalid_union') {
      const [type, msg] = PYDANTIC_TYPES.number;
      return { type, loc, msg, input };
    }
    return { type: 'value_error', loc, msg: `Value error, ${issue.message}`, input, ctx: { error: {} } };
  });
}

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined) {
    throw new RequestValidationError([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ]);
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new RequestValidationError(toValidationDetails(result.error, body, 'body'));
  return result.data;
}

/** Query enums (language, type) are validated like FastAPI's Enum parameters. */
export function enumQuery<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const expected = allowed.map((a) => `'${a}'`);
  const listed =
    expected.length > 1
      ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`
      : expected[0];
  throw new RequestValidationError([
    {
      type: 'enum',
      loc: ['query', name],
      msg: `Input should be ${listed}`,
      input: value,
      ctx: { expected: listed },
    },
  ]);
}

const TRUE_WORDS = ['true', '1', 'yes', 'on', 't', 'y'];
const FALSE_WORDS = ['false', '0', 'no', 'off', 'f', 'n'];

export function booleanQuery(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  const [type, msg] = PYDANTIC_TYPES.boolean;
  throw new RequestValidationError([{ type, loc: ['query', name], msg, input: value }]);
}

export function numberQuery(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = laxNumber.safeParse(value);
  if (parsed.success) return parsed.data;
  const [type, msg] = PYDANTIC_TYPES.number;
  throw new RequestValidationError([{ type, loc: ['query', name], msg, input: value }]);
}

export function requiredQuery(name: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new RequestValidationError([
      { type: 'missing', loc: ['query', name], msg: 'Field required', input: null },
    ]);
  }
  return value;
}

/** Legs of /place-bet: every leaf a string. */
const betLeg = z.object({
  betId: z.string(),
  fixtureId: z.string(),
  odd: z.string(),
  sportId: z.string(),
  tournamentId: z.string(),
});

/** `PlaceBetRequest`: every leaf is a string (contract §6.1). */
export const placeBetSchema = z.object({
  user: z.object({ userKey: z.string(), id: z.string() }),
  betInfo: z.object({
    amount: amountString,
    // No length rule here: an empty list is rejected after the rest of the body is known to be
    // well-formed, so a body missing `user` yields exactly the one FastAPI error of the example.
    betId: z.array(betLeg.extend({ odd: amountString })),
    source: z.string(),
  }),
});

/** Combo legs: ids as strings, `odd` as a number (numeric strings accepted, like Pydantic). */
const comboLeg = z.object({
  betId: z.string(),
  fixtureId: z.string(),
  sportId: z.string(),
  tournamentId: z.string(),
  odd: laxNumber,
});

export const comboCalculationSchema = z.object({
  betsInfo: z.array(comboLeg).min(1),
  amount: laxNumber,
});

export const addBetToComboSchema = z.object({
  betInfo: comboLeg,
  betsAdded: z.array(comboLeg),
});

export const getComboOddsSchema = z.object({
  betInfo: z.array(comboLeg).min(1),
  fixture: z.object({ fixtureId: z.string(), sportId: z.string(), tournamentId: z.string() }),
});

export const placeComboBetSchema = z.object({
  betsInfo: z.array(comboLeg).min(1),
  amount: laxNumber,
  user: z.object({ id: z.string(), userKey: z.string() }),
});
