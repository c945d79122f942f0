import { GEMINI_SCHEMA_KEYWORDS, GEMINI_SCHEMA_TYPES } from '../../src/llm/model/gemini-declarations';

/**
 * Checks a `generateContent` / `streamGenerateContent` body the way Gemini's REST API does, so a
 * request the real service would refuse is refused here too, with its 400 message. What it checks
 * (from the API reference and the errors the API is known to return):
 * - every field name, at every level, is one the API knows ("Unknown name … Cannot find field");
 * - function-declaration schemas use only the OpenAPI 3.0 subset (types, enums of strings,
 *   `required` naming declared properties);
 * - roles are `user` / `model`, every content has parts, a part has one kind of data;
 * - a model turn with function calls follows a user turn, and the very next turn answers every
 *   call of it, together, by name; a function response never appears anywhere else;
 * - function responses are JSON objects;
 * - function calls the server issued with a thought signature come back with that signature.
 * It returns the first violation's message, or undefined when the request is valid.
 */
export function validateGeminiRequest(
  body: unknown,
  issuedSignatures: ReadonlySet<string>,
): string | undefined {
  try {
    new Validator(issuedSignatures).request(body);
    return undefined;
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

class Invalid extends Error {}

const REQUEST_FIELDS = [
  'contents',
  'tools',
  'toolConfig',
  'safetySettings',
  'systemInstruction',
  'generationConfig',
  'cachedContent',
  'model',
];
const CONTENT_FIELDS = ['role', 'parts'];
const PART_DATA = [
  'text',
  'inlineData',
  'functionCall',
  'functionResponse',
  'fileData',
  'executableCode',
  'codeExecutionResult',
];
const PART_FIELDS = [...PART_DATA, 'thought', 'thoughtSignature', 'videoMetadata', 'partMetadata'];
const FUNCTION_CALL_FIELDS = ['id', 'name', 'args'];
const FUNCTION_RESPONSE_FIELDS = ['id', 'name', 'response', 'willContinue', 'scheduling', 'parts'];
const TOOL_FIELDS = [
  'functionDeclarations',
  'googleSearchRetrieval',
  'codeExecution',
  'googleSearch',
  'urlContext',
  'computerUse',
  'fileSearch',
  'googleMaps',
];
const DECLARATION_FIELDS = [
  'name',
  'description',
  'behavior',
  'parameters',
  'parametersJsonSchema',
  'response',
  'responseJsonSchema',
];
const TOOL_CONFIG_FIELDS = ['functionCallingConfig', 'retrievalConfig'];
const CALLING_CONFIG_FIELDS = ['mode', 'allowedFunctionNames'];
const CALLING_MODES = ['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'];
const GENERATION_FIELDS = [
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'responseModalities',
  'candidateCount',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'enableEnhancedCivicAnswers',
  'speechConfig',
  'thinkingConfig',
  'imageConfig',
  'mediaResolution',
];
const THINKING_FIELDS = ['includeThoughts', 'thinkingBudget', 'thinkingLevel'];
const SAFETY_FIELDS = ['category', 'threshold'];
const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

type Json = Record<string, unknown>;

/** `function_declarations[4].parameters.properties[4].value`, as the API names a place. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

class Validator {
  constructor(private readonly issuedSignatures: ReadonlySet<string>) {}

  request(body: unknown): void {
    const request = this.object(body, '');
    this.fields(request, REQUEST_FIELDS, '');
    const contents = request.contents;
    if (!Array.isArray(contents) || contents.length === 0)
      throw new Invalid('* GenerateContentRequest.contents: contents is not specified');
    contents.forEach((c, i) => this.content(c, `contents[${i}]`, false));
    this.turns(contents as Json[]);
    if (request.systemInstruction !== undefined)
      this.content(request.systemInstruction, 'system_instruction', true);
    if (request.tools !== undefined) this.tools(request.tools);
    if (request.toolConfig !== undefined) this.toolConfig(request.toolConfig);
    if (request.generationConfig !== undefined) this.generationConfig(request.generationConfig);
    if (request.safetySettings !== undefined) {
      this.array(request.safetySettings, 'safety_settings').forEach((s, i) =>
        this.fields(this.object(s, `safety_settings[${i}]`), SAFETY_FIELDS, `safety_settings[${i}]`),
      );
    }
  }

  private content(value: unknown, at: string, system: boolean): void {
    const content = this.object(value, at);
    this.fields(content, CONTENT_FIELDS, at);
    if (!system && content.role !== 'user' && content.role !== 'model') {
      throw new Invalid(`Please use a valid role: user, model.`);
    }
    const parts = content.parts;
    if (!Array.isArray(parts) || parts.length === 0) {
      throw new Invalid(`* GenerateContentRequest.${at}.parts: contents.parts must not be empty.`);
    }
    parts.forEach((p, j) => this.part(p, `${at}.parts[${j}]`));
  }

  private part(value: unknown, at: string): void {
    const part = this.object(value, at);
    this.fields(part, PART_FIELDS, at);
    const data = PART_DATA.filter((key) => part[key] !== undefined);
    if (data.length !== 1)
      throw new Invalid(
        `* GenerateContentRequest.${at}.data: required oneof field 'data' must have one initialized field`,
      );
    if (part.text !== undefined && typeof part.text !== 'string')
      this.wrongType(`${at}.text`, 'TYPE_STRING', part.text);
    if (part.functionCall !== undefined) {
      const call = this.object(part.functionCall, `${at}.function_call`);
      this.fields(call, FUNCTION_CALL_FIELDS, `${at}.function_call`);
      if (typeof call.name !== 'string' || !call.name)
        throw new Invalid(`* GenerateContentRequest.${at}.function_call.name: Name cannot be empty.`);
      if (call.args !== undefined) this.struct(call.args, `${at}.function_call.args`);
    }
    if (part.functionResponse !== undefined) {
      const response = this.object(part.functionResponse, `${at}.function_response`);
      this.fields(response, FUNCTION_RESPONSE_FIELDS, `${at}.function_response`);
      if (typeof response.name !== 'string' || !response.name)
        throw new Invalid(`* GenerateContentRequest.${at}.function_response.name: Name cannot be empty.`);
      this.struct(response.response, `${at}.function_response.response`);
    }
  }

  /** The order of turns: calls after a user turn, every call answered at once, together. */
  private turns(contents: Json[]): void {
    let lastUserText = -1;
    contents.forEach((c, i) => {
      const parts = c.parts as Json[];
      if (c.role === 'user' && parts.some((p) => p.functionResponse === undefined)) lastUserText = i;
    });
    contents.forEach((content, i) => {
      const parts = content.parts as Json[];
      const calls = parts.filter((p) => p.functionCall !== undefined);
      const responses = parts.filter((p) => p.functionResponse !== undefined);
      if (responses.length > 0) {
        const previous = contents[i - 1];
        const previousCalls = previous
          ? (previous.parts as Json[]).filter((p) => p.functionCall !== undefined)
          : [];
        if (content.role !== 'user' || previous?.role !== 'model' || previousCalls.length === 0) {
          throw new Invalid(
            'Please ensure that function response turn comes immediately after a function call turn.',
          );
        }
        if (responses.length !== previousCalls.length || responses.length !== parts.length) {
          throw new Invalid(
            'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
          );
        }
        const called = previousCalls.map((p) => (p.functionCall as Json).name).sort();
        const answered = responses.map((p) => (p.functionResponse as Json).name).sort();
        if (JSON.stringify(called) !== JSON.stringify(answered)) {
          throw new Invalid(
            'Please ensure that the function response names match the function call names of the function call turn.',
          );
        }
      }
      if (calls.length > 0) {
        const previous = contents[i - 1];
        if (!previous || previous.role !== 'user') {
          throw new Invalid(
            'Please ensure that function call turn comes immediately after a user turn or after a function response turn.',
          );
        }
        const next = contents[i + 1];
        if (next && !(next.parts as Json[]).some((p) => p.functionResponse !== undefined)) {
          throw new Invalid(
            'Please ensure that function response turn comes immediately after a function call turn.',
          );
        }
        // The current turn's steps must hand back the signature the model gave their first call.
        const signature = calls[0].thoughtSignature;
        if (
          i > lastUserText &&
          this.issuedSignatures.size > 0 &&
          (typeof signature !== 'string' || !this.issuedSignatures.has(signature))
        ) {
          const name = String((calls[0].functionCall as Json).name);
          throw new Invalid(
            `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly. Additional data, function call \`default_api:${name}\` , position ${i + 1}.`,
          );
        }
      }
    });
  }

  private tools(value: unknown): void {
    this.array(value, 'tools').forEach((t, i) => {
      const tool = this.object(t, `tools[${i}]`);
      this.fields(tool, TOOL_FIELDS, `tools[${i}]`);
      if (tool.functionDeclarations === undefined) return;
      const names = new Set<string>();
      this.array(tool.functionDeclarations, `tools[${i}].function_declarations`).forEach((d, j) => {
        const at = `tools[${i}].function_declarations[${j}]`;
        const declaration = this.object(d, at);
        this.fields(declaration, DECLARATION_FIELDS, at);
        if (typeof declaration.name !== 'string' || !FUNCTION_NAME.test(declaration.name)) {
          throw new Invalid(
            `* GenerateContentRequest.${at}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:) or dashes (-), with a maximum length of 64.`,
          );
        }
        if (names.has(declaration.name))
          throw new Invalid(
            `* GenerateContentRequest.${at}.name: Duplicate function declaration name ${declaration.name}`,
          );
        names.add(declaration.name);
        if (declaration.parameters !== undefined) this.schema(declaration.parameters, `${at}.parameters`);
      });
    });
  }

  private schema(value: unknown, at: string): void {
    const schema = this.object(value, at);
    this.fields(schema, GEMINI_SCHEMA_KEYWORDS, at);
    const type = typeof schema.type === 'string' ? schema.type.toUpperCase() : '';
    if (schema.type !== undefined && !(GEMINI_SCHEMA_TYPES as readonly string[]).includes(type)) {
      throw new Invalid(
        `Invalid value at '${at}.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), ${JSON.stringify(schema.type)}`,
      );
    }
    if (schema.enum !== undefined) {
      const values = this.array(schema.enum, `${at}.enum`);
      if (values.some((v) => typeof v !== 'string'))
        this.wrongType(
          `${at}.enum`,
          'TYPE_STRING',
          values.find((v) => typeof v !== 'string'),
        );
      if (type !== 'STRING' && type !== 'INTEGER')
        throw new Invalid(`* GenerateContentRequest.${at}.enum: only allowed for STRING or INTEGER type`);
      if (values.some((v) => v === ''))
        throw new Invalid(`* GenerateContentRequest.${at}.enum: enum values must not be empty`);
    }
    if (type === 'OBJECT' && schema.properties !== undefined) {
      const properties = this.object(schema.properties, `${at}.properties`);
      Object.entries(properties).forEach(([name, sub], k) => {
        void name;
        this.schema(sub, `${at}.properties[${k}].value`);
      });
      if (Object.keys(properties).length === 0)
        throw new Invalid(`* GenerateContentRequest.${at}.properties: should be non-empty for OBJECT type`);
    }
    if (schema.required !== undefined) {
      const declared = Object.keys((schema.properties as Json | undefined) ?? {});
      for (const name of this.array(schema.required, `${at}.required`)) {
        if (!declared.includes(String(name)))
          throw new Invalid(
            `* GenerateContentRequest.${at}.required[${String(name)}]: property is not defined`,
          );
      }
    }
    if (type === 'ARRAY' && schema.items === undefined)
      throw new Invalid(`* GenerateContentRequest.${at}.items: missing field.`);
    if (schema.items !== undefined) this.schema(schema.items, `${at}.items`);
    if (schema.anyOf !== undefined)
      this.array(schema.anyOf, `${at}.any_of`).forEach((s, k) => this.schema(s, `${at}.any_of[${k}]`));
    for (const bound of ['minimum', 'maximum'] as const) {
      if (schema[bound] !== undefined && typeof schema[bound] !== 'number')
        this.wrongType(`${at}.${bound}`, 'TYPE_DOUBLE', schema[bound]);
    }
  }

  private toolConfig(value: unknown): void {
    const config = this.object(value, 'tool_config');
    this.fields(config, TOOL_CONFIG_FIELDS, 'tool_config');
    if (config.functionCallingConfig === undefined) return;
    const calling = this.object(config.functionCallingConfig, 'tool_config.function_calling_config');
    this.fields(calling, CALLING_CONFIG_FIELDS, 'tool_config.function_calling_config');
    if (calling.mode !== undefined && !CALLING_MODES.includes(calling.mode as string)) {
      throw new Invalid(
        `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), ${JSON.stringify(calling.mode)}`,
      );
    }
    if (
      calling.allowedFunctionNames !== undefined &&
      calling.mode !== 'ANY' &&
      calling.mode !== 'VALIDATED'
    ) {
      throw new Invalid(
        '* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: only allowed when mode is ANY.',
      );
    }
  }

  private generationConfig(value: unknown): void {
    const config = this.object(value, 'generation_config');
    this.fields(config, GENERATION_FIELDS, 'generation_config');
    if (
      config.maxOutputTokens !== undefined &&
      !(Number.isInteger(config.maxOutputTokens) && (config.maxOutputTokens as number) > 0)
    ) {
      throw new Invalid(
        '* GenerateContentRequest.generation_config.max_output_tokens: must be a positive integer.',
      );
    }
    if (
      config.temperature !== undefined &&
      !(typeof config.temperature === 'number' && config.temperature >= 0 && config.temperature <= 2)
    ) {
      throw new Invalid(
        '* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0].',
      );
    }
    if (config.thinkingConfig !== undefined) {
      const thinking = this.object(config.thinkingConfig, 'generation_config.thinking_config');
      this.fields(thinking, THINKING_FIELDS, 'generation_config.thinking_config');
      if (thinking.thinkingBudget !== undefined && !Number.isInteger(thinking.thinkingBudget)) {
        this.wrongType(
          'generation_config.thinking_config.thinking_budget',
          'TYPE_INT32',
          thinking.thinkingBudget,
        );
      }
    }
  }

  private fields(value: Json, known: readonly string[], at: string): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw new Invalid(
          `Invalid JSON payload received. Unknown name "${key}"${at ? ` at '${at}'` : ''}: Cannot find field.`,
        );
      }
    }
  }

  private object(value: unknown, at: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Invalid(`Invalid JSON payload received. Expected an object${at ? ` at '${at}'` : ''}.`);
    }
    return value as Json;
  }

  /** A protobuf Struct: a JSON object, never an array or a scalar. */
  private struct(value: unknown, at: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Invalid(
        `Invalid JSON payload received. Unknown name "" at '${snakePath(at)}': Proto field is not repeating, cannot start list.`,
      );
    }
  }

  private array(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value))
      throw new Invalid(`Invalid JSON payload received. Expected a list at '${at}'.`);
    return value;
  }

  private wrongType(at: string, type: string, value: unknown): never {
    throw new Invalid(`Invalid value at '${at}' (${type}), ${JSON.stringify(value)}`);
  }
}

function snakePath(at: string): string {
  return at.split('.').map(snake).join('.');
}
