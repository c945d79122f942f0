import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateGeminiRequest } from './gemini-request-validator';

/** One part of a scripted model turn, as Gemini streams it. */
export type GeminiPart = { text: string } | { functionCall: { name: string; args: Record<string, unknown> } };

/** What the server does with the next request. */
export type GeminiScript =
  | {
      kind: 'stream';
      /**
       * Each entry is one SSE event (one GenerateContentResponse) with one part, or several parts
       * (parallel function calls come in one event); a number pauses that many ms.
       */
      chunks: Array<GeminiPart | GeminiPart[] | number>;
      usage?: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number };
      /** Keep the response open after the chunks until the client goes away. */
      holdOpen?: boolean;
      /** The last event's finish reason (STOP unless said). */
      finishReason?: string;
      /**
       * Send the finish reason in an event of its own after the chunks, as the API ends a step it
       * stopped or could not parse: a candidate without content (SAFETY, MALFORMED_FUNCTION_CALL)
       * or with a model turn that has no parts (an empty reply).
       */
      finishAlone?: 'no content' | 'no parts';
      finishMessage?: string;
    }
  /** The prompt itself is blocked: no candidates, only `promptFeedback.blockReason`. */
  | { kind: 'blocked'; blockReason: string }
  | {
      kind: 'status';
      status: number;
      message?: string;
      headers?: Record<string, string>;
      /** `error.details` of Gemini's error body (e.g. a google.rpc.RetryInfo). */
      details?: unknown[];
    }
  /** Accept the request and never answer. */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  apiKey?: string;
  body: {
    contents?: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    tools?: Array<{
      functionDeclarations?: Array<{ name: string; description?: string; parameters?: unknown }>;
    }>;
    toolConfig?: { functionCallingConfig?: { mode?: string } };
    systemInstruction?: { parts: Array<{ text?: string }> };
  };
  /** Set when the client closed the connection before the response ended. */
  abortedByClient: boolean;
  /** performance.now() when the request arrived, and when the first streamed event was written (the bench's split of its own delay). */
  arrivedAtMs: number;
  firstEventAtMs?: number;
  /** Why the server refused the request as the real API would (400), if it did. */
  refused?: string;
}

const ERROR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * A local server that speaks Gemini's REST API (`models/{model}:streamGenerateContent?alt=sse`
 * and `:generateContent`) from a per-test script, so the real ChatGoogleGenerativeAI adapter runs
 * end to end without the internet. It is as strict as the real API: a request the API would refuse
 * (unknown schema keywords, misplaced function responses, a dropped thought signature — see
 * gemini-request-validator.ts) gets Gemini's 400 instead of the script. Function calls it streams
 * carry a thought signature, as current models send them. It records every request.
 */
export class GeminiTestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly signatures = new Set<string>();
  private readonly script: GeminiScript[] = [];
  private fallback?: GeminiScript;
  private readonly open = new Set<ServerResponse>();
  private closeWaiters: Array<() => void> = [];
  private server?: Server;
  url = '';

  /** Queue answers for the next requests, in order. */
  enqueue(...scripts: GeminiScript[]): this {
    this.script.push(...scripts);
    return this;
  }

  /** What every request gets once the queue is empty. */
  always(script: GeminiScript): this {
    this.fallback = script;
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Resolves when a client closes a response early (an aborted stream). */
  waitForClientAbort(): Promise<void> {
    if (this.requests.some((r) => r.abortedByClient)) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAtMs = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      apiKey: req.headers['x-goog-api-key'] as string | undefined,
      body: raw ? (JSON.parse(raw) as RecordedRequest['body']) : {},
      abortedByClient: false,
      arrivedAtMs,
    };
    this.requests.push(record);
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      if (!res.writableFinished) {
        record.abortedByClient = true;
        this.closeWaiters.splice(0).forEach((resolve) => resolve());
      }
    });

    const match = /^\/v1beta\/models\/([^:]+):(streamGenerateContent|generateContent)/.exec(record.path);
    if (req.method !== 'POST' || !match) {
      this.json(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
      return;
    }
    record.refused = validateGeminiRequest(record.body, this.signatures);
    if (record.refused) {
      this.error(res, 400, record.refused);
      return;
    }
    const script = this.script.shift() ?? this.fallback;
    if (!script) {
      this.json(res, 500, { error: { code: 500, message: 'no scripted response', status: 'INTERNAL' } });
      return;
    }
    const streaming = match[2] === 'streamGenerateContent';
    switch (script.kind) {
      case 'hang':
        return;
      case 'status':
        this.error(res, script.status, script.message ?? 'scripted failure', script.details, script.headers);
        return;
      case 'stream':
        if (streaming) await this.stream(res, script, record);
        else this.json(res, 200, this.aggregate(script));
        return;
      case 'blocked': {
        const event = {
          promptFeedback: {
            blockReason: script.blockReason,
            safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }],
          },
          usageMetadata: { promptTokenCount: 40, totalTokenCount: 40 },
          modelVersion: 'gemini-test',
        };
        if (!streaming) this.json(res, 200, event);
        else {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(`data: ${JSON.stringify(event)}\r\n\r\n`);
        }
        return;
      }
    }
  }

  private async stream(
    res: ServerResponse,
    script: Extract<GeminiScript, { kind: 'stream' }>,
    record: RecordedRequest,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const parts = script.chunks;
    // Pauses are kept as deadlines from the start, like a model streaming at its own pace: each
    // timer's lateness does not add up over an answer (and into the bench's overhead figures).
    const started = performance.now();
    let dueMs = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (res.destroyed) return;
      if (typeof part === 'number') {
        dueMs += part;
        const waitMs = started + dueMs - performance.now();
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      const last = i === parts.length - 1 && !script.holdOpen && !script.finishAlone;
      const event = {
        candidates: [
          {
            content: { role: 'model', parts: this.signed(Array.isArray(part) ? part : [part]) },
            index: 0,
            ...(last ? this.finish(script) : {}),
          },
        ],
        ...(last && script.usage ? { usageMetadata: script.usage } : {}),
        modelVersion: 'gemini-test',
      };
      res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
      record.firstEventAtMs ??= performance.now();
    }
    if (script.finishAlone && !script.holdOpen && !res.destroyed) {
      const event = {
        candidates: [
          {
            ...(script.finishAlone === 'no parts' ? { content: { role: 'model' } } : {}),
            index: 0,
            ...this.finish(script),
          },
        ],
        ...(script.usage ? { usageMetadata: script.usage } : {}),
        modelVersion: 'gemini-test',
      };
      res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
    }
    if (!script.holdOpen) res.end();
  }

  /** The fields a candidate ends with: its finish reason, the API's message, safety ratings when blocked. */
  private finish(script: Extract<GeminiScript, { kind: 'stream' }>): Record<string, unknown> {
    const reason = script.finishReason ?? 'STOP';
    return {
      finishReason: reason,
      ...(script.finishMessage ? { finishMessage: script.finishMessage } : {}),
      ...(reason === 'SAFETY'
        ? { safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }] }
        : {}),
    };
  }

  /**
   * Parts as current models send them: the first function call of a reply carries a thought
   * signature, which the client must hand back with that call in later requests.
   */
  private signed(parts: GeminiPart[]): Array<GeminiPart & { thoughtSignature?: string }> {
    const first = parts.findIndex((part) => 'functionCall' in part);
    if (first < 0) return parts;
    const thoughtSignature = `sig-${this.signatures.size + 1}`;
    this.signatures.add(thoughtSignature);
    return parts.map((part, i) => (i === first ? { ...part, thoughtSignature } : part));
  }

  private error(
    res: ServerResponse,
    status: number,
    message: string,
    details?: unknown[],
    headers?: Record<string, string>,
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(
      JSON.stringify({
        error: { code: status, message, status: ERROR_STATUS[status] ?? 'UNKNOWN', ...(details ? { details } : {}) },
      }),
    );
  }

  private aggregate(script: Extract<GeminiScript, { kind: 'stream' }>) {
    const parts = this.signed(script.chunks.flatMap((p) => (typeof p === 'number' ? [] : p)));
    const content =
      parts.length > 0 || !script.finishAlone
        ? { content: { role: 'model', parts } }
        : script.finishAlone === 'no parts'
          ? { content: { role: 'model' } }
          : {};
    return {
      candidates: [{ ...content, index: 0, ...this.finish(script) }],
      ...(script.usage ? { usageMetadata: script.usage } : {}),
    };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

export async function startGeminiServer(): Promise<GeminiTestServer> {
  return new GeminiTestServer().start();
}
