import { readFileSync } from 'node:fs';
import { ERROR_CODES, type ErrorCode, HTTP_STATUS_BY_CODE } from '../src/common/errors';
import { asyncApiFile } from '../src/web/api-docs';
import { type RunningApp, startApp } from './support/app';

/** The parts of an OpenAPI 3 document these checks read. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Schema>;
}
interface MediaType {
  schema?: Schema;
  examples?: Record<string, { value: Record<string, unknown> }>;
}
interface Response {
  content?: Record<string, MediaType>;
  headers?: Record<string, { required?: boolean; schema?: Schema }>;
}
interface Operation {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, Response>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { type: string; name?: string; in?: string; scheme?: string; bearerFormat?: string }>;
  };
}

/** What each route can fail with: the contract a client developer codes against. */
const EXPECTED: Record<string, ErrorCode[]> = {
  'post /api/v1/chat/message': [
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'SESSION_BUSY',
    'DUPLICATE_MESSAGE',
    'MESSAGE_TOO_LONG',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'SPORTS_API_UNAVAILABLE',
    'LLM_UNAVAILABLE',
    'LLM_TIMEOUT',
  ],
  'get /api/v1/chat/conversations/{user_id}': [
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'LLM_UNAVAILABLE',
  ],
  'delete /api/v1/chat/conversations/{user_id}': [
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'LLM_UNAVAILABLE',
  ],
  'post /api/v1/bets/{proposal_id}/confirm': [
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'INSUFFICIENT_BALANCE',
    'NOT_FOUND',
    'SESSION_BUSY',
    'PROPOSAL_WITHDRAWN',
    'PROPOSAL_EXPIRED',
    'PRICE_CHANGED',
    'MESSAGE_TOO_LONG',
    'BET_REJECTED',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'SPORTS_API_UNAVAILABLE',
  ],
  // Development only; 404 where it is switched off.
  'post /api/v1/dev/token': ['NOT_FOUND', 'RATE_LIMITED', 'INTERNAL_ERROR'],
};

/** Every `$ref` in the document, wherever it sits. */
function refsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push(child);
      else refsIn(child, into);
    }
  }
  return into;
}

describe('OpenAPI document (/docs-json)', () => {
  let running: RunningApp;
  let doc: OpenApi;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, op })),
    );

  beforeAll(async () => {
    running = await startApp();
    const res = await fetch(`${running.url}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApi;
  });
  afterAll(() => running.close());

  it('is OpenAPI 3 and every $ref points at a schema it defines', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty([ref.split('/').pop()!]);
    }
  });

  it('defines ErrorBody with error_code an enum of every code the service uses', () => {
    const errorBody = doc.components.schemas.ErrorBody;
    expect(errorBody.required).toEqual(expect.arrayContaining(['error_code', 'message', 'correlation_id']));
    expect(errorBody.required).not.toContain('details');
    // Nest writes a named enum as `allOf: [{ $ref }]` so the property can carry its own example.
    const code = errorBody.properties!.error_code;
    const ref = code.$ref ?? code.allOf?.[0]?.$ref;
    const codeSchema = ref ? doc.components.schemas[ref.split('/').pop()!] : code;
    expect([...codeSchema.enum!].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('declares the API key header and the user-token bearer scheme, and asks for either on every /api/v1 route but the development token', () => {
    expect(doc.components.securitySchemes['api-key']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
    expect(doc.components.securitySchemes['user-token']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const { key, op } of operations().filter(({ key }) => key.includes(' /api/v1/'))) {
      const expected = key === 'post /api/v1/dev/token' ? undefined : [{ 'user-token': [] }, { 'api-key': [] }];
      expect({ key, security: op.security }).toEqual({ key, security: expected });
    }
  });

  it('lists, per route, every error it can answer with: ErrorBody, one example per code, under the code’s status', () => {
    const apiOperations = operations().filter(({ key }) => key.includes(' /api/v1/'));
    expect(apiOperations.map(({ key }) => key).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const { key, op } of apiOperations) {
      const documented: string[] = [];
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const json = response.content?.['application/json'];
        expect({ key, status, schema: json?.schema }).toEqual({
          key,
          status,
          schema: { $ref: '#/components/schemas/ErrorBody' },
        });
        for (const [name, example] of Object.entries(json?.examples ?? {})) {
          const code = example.value.error_code as ErrorCode;
          expect({ key, name, status: HTTP_STATUS_BY_CODE[code] }).toEqual({
            key,
            name: code,
            status: Number(status),
          });
          expect(Object.keys(example.value).sort()).toEqual(
            expect.arrayContaining(['correlation_id', 'error_code', 'message']),
          );
          documented.push(code);
        }
      }
      expect({ key, codes: documented.sort() }).toEqual({ key, codes: [...EXPECTED[key]].sort() });
    }
  });

  it('says when to retry: Retry-After on every 429, optional on the 503 of the model', () => {
    for (const { key, op } of operations().filter(({ key }) => key.includes(' /api/v1/'))) {
      expect({ key, header: op.responses['429']?.headers?.['Retry-After'] }).toMatchObject({
        key,
        header: { required: true, schema: { type: 'integer' } },
      });
      const unavailable = op.responses['503'];
      const llm = unavailable?.content?.['application/json']?.examples?.LLM_UNAVAILABLE;
      if (llm) expect(unavailable.headers?.['Retry-After']).toMatchObject({ schema: { type: 'integer' } });
    }
  });

  it('describes health and metrics', () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      expect(Object.keys(doc.paths[path].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
    }
    expect(Object.keys(doc.paths['/metrics'].get.responses['200'].content ?? {})).toEqual(['text/plain']);
  });

  it('matches what the service really sends: a refused message is a documented 400 example', async () => {
    const res = await fetch(`${running.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: '', user_id: 'contract-user' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    const documented =
      doc.paths['/api/v1/chat/message'].post.responses['400'].content!['application/json'].examples!;
    expect(Object.keys(documented)).toContain(body.error_code);
    const allowed = Object.keys(doc.components.schemas.ErrorBody.properties!);
    expect(Object.keys(body).filter((field) => !allowed.includes(field))).toEqual([]);
  });

  it('serves the AsyncAPI document next to it', async () => {
    const res = await fetch(`${running.url}/docs/asyncapi.yaml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await res.text()).toBe(readFileSync(asyncApiFile(), 'utf8'));
  });
});
