import type { FunctionDeclaration, FunctionDeclarationsTool } from '@google/generative-ai';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';

/**
 * The keywords of Gemini's function-declaration `Schema` (a subset of OpenAPI 3.0). A request whose
 * declarations carry any other keyword (`exclusiveMinimum`, `additionalProperties`, `$schema`,
 * `const`, `oneOf`, `$ref`…) is refused with 400 "Unknown name", on every turn.
 */
export const GEMINI_SCHEMA_KEYWORDS = [
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
] as const;

export const GEMINI_SCHEMA_TYPES = [
  'STRING',
  'NUMBER',
  'INTEGER',
  'BOOLEAN',
  'ARRAY',
  'OBJECT',
  'NULL',
] as const;

type JsonSchema = Record<string, unknown>;
export type GeminiSchema = Record<string, unknown>;

const KEYWORDS = new Set<string>(GEMINI_SCHEMA_KEYWORDS);
/** Bounds zod's `.int()` adds that say nothing a model needs. */
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * Turns the tools' zod schemas into the declarations Gemini accepts. This is the one place the
 * wire shape of our tools is decided: LangChain's own conversion forwards JSON Schema keywords
 * Gemini refuses. Exclusive bounds become inclusive ones with the strict bound said in the
 * description (zod still enforces it when the tool runs); `const` becomes a one-value enum; a
 * union with null becomes `nullable`; anything else outside the subset is dropped.
 */
export function toGeminiTool(tools: readonly StructuredToolInterface[]): FunctionDeclarationsTool {
  return { functionDeclarations: tools.map(toGeminiDeclaration) };
}

export function toGeminiDeclaration(tool: StructuredToolInterface): FunctionDeclaration {
  const json = z.toJSONSchema(tool.schema as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const parameters = toGeminiSchema(json);
  const hasFields = Object.keys((parameters.properties as object | undefined) ?? {}).length > 0;
  return {
    name: tool.name,
    description: tool.description,
    ...(hasFields ? { parameters: parameters as unknown as FunctionDeclaration['parameters'] } : {}),
  };
}

export function toGeminiSchema(schema: JsonSchema): GeminiSchema {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== 'null');
    const nullable = nonNull.length < variants.length;
    const base = nonNull.length === 1 ? toGeminiSchema(nonNull[0]) : { anyOf: nonNull.map(toGeminiSchema) };
    return withDescription({ ...base, ...(nullable ? { nullable: true } : {}) }, schema.description);
  }
  const out: GeminiSchema = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        out.type = geminiType(value);
        if (Array.isArray(value) && value.includes('null')) out.nullable = true;
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, JsonSchema>).map(([name, sub]) => [
            name,
            toGeminiSchema(sub),
          ]),
        );
        break;
      case 'items':
        out.items = toGeminiSchema(value as JsonSchema);
        break;
      case 'const':
        out.enum = [String(value)];
        break;
      case 'enum':
        out.enum = (value as unknown[]).map(String);
        break;
      case 'exclusiveMinimum':
        out.minimum = value;
        notes.push(`greater than ${String(value)}`);
        break;
      case 'exclusiveMaximum':
        out.maximum = value;
        notes.push(`less than ${String(value)}`);
        break;
      case 'minimum':
      case 'maximum':
        if (Math.abs(value as number) < SAFE_INTEGER) out[key] = value;
        break;
      default:
        if (KEYWORDS.has(key)) out[key] = value;
    }
  }
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  if (out.enum && !out.type) out.type = 'STRING';
  const description = [schema.description, notes.length ? `Must be ${notes.join(' and ')}.` : undefined]
    .filter(Boolean)
    .join(' ');
  return withDescription(out, description || undefined);
}

function withDescription(schema: GeminiSchema, description: unknown): GeminiSchema {
  if (typeof description !== 'string' || !description) return schema;
  return { ...schema, description };
}

function geminiType(type: unknown): string {
  const name = (Array.isArray(type) ? type.find((t) => t !== 'null') : type) as string;
  return String(name).toUpperCase();
}
