import { type GeminiTestServer, startGeminiServer } from './support/gemini-server';

/** The local Gemini server refuses what the real API refuses: the proof that green CI means something. */
describe('local Gemini server, as strict as the REST API', () => {
  let server: GeminiTestServer;

  beforeEach(async () => {
    server = (await startGeminiServer()).always({ kind: 'stream', chunks: [{ text: 'ok' }] });
  });
  afterEach(async () => {
    await server.stop();
  });

  async function post(
    body: unknown,
  ): Promise<{ status: number; json: { error?: { code: number; status: string; message: string } } }> {
    const response = await fetch(`${server.url}/v1beta/models/gemini-test:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as never };
  }

  const user = (text: string) => ({ role: 'user', parts: [{ text }] });
  const declaration = (parameters: unknown) => ({
    tools: [{ functionDeclarations: [{ name: 'get_odds', description: 'odds', parameters }] }],
  });

  it('answers a well-formed request', async () => {
    const { status } = await post({
      contents: [user('hi')],
      ...declaration({
        type: 'OBJECT',
        properties: { stake: { type: 'NUMBER', minimum: 0 } },
        required: ['stake'],
      }),
      generationConfig: { maxOutputTokens: 256, thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(status).toBe(200);
  });

  it('refuses a JSON Schema keyword outside Gemini’s schema subset, naming it and where it is', async () => {
    const { status, json } = await post({
      contents: [user('hi')],
      ...declaration({ type: 'object', properties: { stake: { type: 'number', exclusiveMinimum: 0 } } }),
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(json.error?.message).toContain(
      `Unknown name "exclusiveMinimum" at 'tools[0].function_declarations[0].parameters.properties[0].value'`,
    );
  });

  it.each([
    [
      'additionalProperties',
      { type: 'OBJECT', properties: { a: { type: 'STRING' } }, additionalProperties: false },
    ],
    [
      '$schema',
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'OBJECT',
        properties: { a: { type: 'STRING' } },
      },
    ],
    ['const', { type: 'OBJECT', properties: { a: { type: 'STRING', const: 'x' } } }],
  ])('refuses %s', async (keyword, parameters) => {
    const { status, json } = await post({ contents: [user('hi')], ...declaration(parameters) });
    expect(status).toBe(400);
    expect(json.error?.message).toContain(`Unknown name "${keyword}"`);
  });

  it('refuses a required property that is not declared and an enum that is not strings', async () => {
    expect(
      (
        await post({
          contents: [user('hi')],
          ...declaration({ type: 'OBJECT', properties: { a: { type: 'STRING' } }, required: ['b'] }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post({
          contents: [user('hi')],
          ...declaration({ type: 'OBJECT', properties: { a: { type: 'STRING', enum: [1, 2] } } }),
        })
      ).status,
    ).toBe(400);
  });

  it('refuses unknown roles, empty parts and unknown generation settings', async () => {
    expect((await post({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })).status).toBe(400);
    expect((await post({ contents: [{ role: 'user', parts: [] }] })).status).toBe(400);
    expect(
      (await post({ contents: [user('hi')], generationConfig: { max_tokens: 5 } })).json.error?.message,
    ).toContain('Unknown name "max_tokens"');
  });

  const calls = {
    role: 'model',
    parts: [
      { functionCall: { name: 'get_odds', args: { team_a: 'A' } } },
      { functionCall: { name: 'get_balance', args: {} } },
    ],
  };
  const response = (name: string) => ({ functionResponse: { name, response: { ok: true } } });

  it('accepts the responses to parallel calls together in one user turn, and refuses them split', async () => {
    const together = await post({
      contents: [
        user('odds?'),
        calls,
        { role: 'user', parts: [response('get_odds'), response('get_balance')] },
      ],
    });
    expect(together.status).toBe(200);

    const split = await post({
      contents: [
        user('odds?'),
        calls,
        { role: 'user', parts: [response('get_odds')] },
        { role: 'user', parts: [response('get_balance')] },
      ],
    });
    expect(split.status).toBe(400);
    expect(split.json.error?.message).toContain(
      'number of function response parts is equal to the number of function call parts',
    );
  });

  it('refuses a function response that answers no call, or that is not a JSON object', async () => {
    expect(
      (await post({ contents: [user('hi'), { role: 'user', parts: [response('get_odds')] }] })).status,
    ).toBe(400);
    const notObject = await post({
      contents: [
        user('odds?'),
        { role: 'model', parts: [calls.parts[0]] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_odds', response: [1] } }] },
      ],
    });
    expect(notObject.status).toBe(400);
  });

  it('requires the thought signature it gave a function call back with that call', async () => {
    server.enqueue({
      kind: 'stream',
      chunks: [{ functionCall: { name: 'get_odds', args: { team_a: 'A' } } }],
    });
    const first = await post({ contents: [user('odds?')] });
    const part = (
      first.json as unknown as {
        candidates: Array<{ content: { parts: Array<{ thoughtSignature?: string }> } }>;
      }
    ).candidates[0].content.parts[0];
    expect(part.thoughtSignature).toMatch(/^sig-/);

    const call = { functionCall: { name: 'get_odds', args: { team_a: 'A' } } };
    const without = await post({
      contents: [
        user('odds?'),
        { role: 'model', parts: [call] },
        { role: 'user', parts: [response('get_odds')] },
      ],
    });
    expect(without.status).toBe(400);
    expect(without.json.error?.message).toContain('missing a thought_signature');

    const withIt = await post({
      contents: [
        user('odds?'),
        { role: 'model', parts: [{ ...call, thoughtSignature: part.thoughtSignature }] },
        { role: 'user', parts: [response('get_odds')] },
      ],
    });
    expect(withIt.status).toBe(200);
  });
});
