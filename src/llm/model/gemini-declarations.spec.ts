import { z } from 'zod';
import { tool } from '@langchain/core/tools';
import { BettingTools } from '../tools/betting-tools';
import { ToolNameResolver } from '../tools/name-resolver';
import { FakeSportsData } from '../../../test/support/llm/fake-sports-data';
import {
  GEMINI_SCHEMA_KEYWORDS,
  toGeminiDeclaration,
  toGeminiSchema,
  toGeminiTool,
} from './gemini-declarations';

const allowed = new Set<string>(GEMINI_SCHEMA_KEYWORDS);

/** Every key of a schema tree that Gemini's Schema does not know. */
function unknownKeys(schema: unknown, at = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  return Object.entries(s).flatMap(([key, value]) => {
    const here = allowed.has(key) ? [] : [`${at}${key}`];
    if (key === 'properties')
      return [
        ...here,
        ...Object.entries(value as object).flatMap(([p, sub]) => unknownKeys(sub, `${at}${p}.`)),
      ];
    if (key === 'items') return [...here, ...unknownKeys(value, `${at}items.`)];
    if (key === 'anyOf')
      return [...here, ...(value as unknown[]).flatMap((sub, i) => unknownKeys(sub, `${at}anyOf${i}.`))];
    return here;
  });
}

describe('Gemini function declarations', () => {
  it('declares every betting tool with only the keywords of Gemini’s schema subset', () => {
    const data = new FakeSportsData();
    const functionDeclarations =
      toGeminiTool(new BettingTools(data, new ToolNameResolver(data)).all()).functionDeclarations ?? [];
    expect(functionDeclarations.length).toBeGreaterThanOrEqual(9);
    for (const declaration of functionDeclarations) {
      expect({ tool: declaration.name, unknown: unknownKeys(declaration.parameters) }).toEqual({
        tool: declaration.name,
        unknown: [],
      });
    }
  });

  it('turns an exclusive bound into an inclusive one and says the strict bound in the description', () => {
    expect(toGeminiSchema(z.toJSONSchema(z.number().positive().max(10).describe('Stake')) as never)).toEqual({
      type: 'NUMBER',
      minimum: 0,
      maximum: 10,
      description: 'Stake Must be greater than 0.',
    });
    expect(toGeminiSchema({ type: 'number', exclusiveMaximum: 5 })).toEqual({
      type: 'NUMBER',
      maximum: 5,
      description: 'Must be less than 5.',
    });
  });

  it('maps const to a one-value enum, a union with null to nullable, and drops what Gemini lacks', () => {
    expect(toGeminiSchema({ const: 'over' })).toEqual({ type: 'STRING', enum: ['over'] });
    expect(toGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({
      type: 'STRING',
      nullable: true,
    });
    expect(toGeminiSchema({ type: ['integer', 'null'] })).toEqual({ type: 'INTEGER', nullable: true });
    expect(
      toGeminiSchema({
        type: 'object',
        additionalProperties: false,
        $schema: 'x',
        properties: { a: { type: 'string' } },
        required: [],
      }),
    ).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' } } });
    // zod's .int() bounds are the safe-integer range, noise to a model.
    expect(toGeminiSchema(z.toJSONSchema(z.number().int()) as never)).toEqual({ type: 'INTEGER' });
  });

  it('keeps the zod check that the declaration relaxed when the tool runs', async () => {
    const stake = tool(async ({ amount }) => Promise.resolve(amount), {
      name: 'stake',
      description: 'x',
      schema: z.object({ amount: z.number().positive() }),
    });
    expect(toGeminiDeclaration(stake).parameters).toMatchObject({ properties: { amount: { minimum: 0 } } });
    await expect(stake.invoke({ amount: 0 })).rejects.toThrow();
  });

  it('leaves out parameters for a tool without fields', () => {
    const none = tool(async () => Promise.resolve('x'), {
      name: 'none',
      description: 'd',
      schema: z.object({}),
    });
    expect(toGeminiDeclaration(none)).toEqual({ name: 'none', description: 'd' });
  });
});
