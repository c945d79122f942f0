import { type IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import {
  type Content,
  type GenerateContentRequest,
  type GenerateContentResponse,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  type RequestOptions,
  type SingleRequestOptions,
} from '@google/generative-ai';
import type { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { getGlobalDispatcher } from 'undici';
import { libraryFastPaths } from '../../common/fast-paths';
import { memoizeByObject } from '../../common/memo';
import { SseFailed, SseResponse } from './sse-response';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
const DEFAULT_API_VERSION = 'v1beta';
const API_CLIENT = 'chatbet-assistant genai-js';

/** The fields of the SDK's GenerativeModel a streaming call reads (what its own generateContentStream merges). */
export interface GenerativeModelFields {
  apiKey: string;
  model: string;
  generationConfig?: unknown;
  safetySettings?: unknown;
  tools?: unknown;
  toolConfig?: unknown;
  systemInstruction?: unknown;
  cachedContent?: { name?: string };
  _requestOptions?: RequestOptions;
  generateContentStream(request: GenerateContentRequest, options?: SingleRequestOptions): Promise<StreamResult>;
}

interface StreamResult {
  stream: AsyncGenerator<GenerateContentResponse>;
  response: Promise<unknown>;
}

/**
 * The one place that relies on the Gemini SDK's internals (checked by
 * gemini-stream-transport.contract.spec.ts): ChatGoogleGenerativeAI's `client` (the SDK's
 * GenerativeModel) and the fields its `generateContentStream` reads. Three things happen there:
 * - every request is shaped for the API (the responses to one turn's function calls sent
 *   together, see groupFunctionResponses), on every path;
 * - `streamGenerateContent` is streamed over undici's dispatcher (sse-response.ts) instead of the
 *   SDK's fetch pipeline. The SDK pipes each answer through three web streams and tees it to
 *   build an aggregate nobody reads here (LangChain iterates `stream` only), work done per
 *   streamed chunk that took a large share of the service's CPU under many concurrent Gemini
 *   streams (bench/RESULTS.md). With LIBRARY_FAST_PATHS=false the SDK's own transport runs instead.
 * - on both paths, an event LangChain would drop (a blocked prompt, a candidate without content)
 *   reaches it with empty content, so its finish reason and prompt feedback reach the agent (see
 *   withVisibleOutcome).
 * Everything else stays the libraries': LangChain builds the request and converts each response,
 * the SDK's error classes carry the HTTP status the agent's retry policy reads, and the wire is
 * the same (URL, headers, JSON body, SSE events).
 */
export function adaptGeminiClient(model: ChatGoogleGenerativeAI): void {
  const client = geminiClientOf(model);
  const sdkStream = client.generateContentStream.bind(client);
  client.generateContentStream = async (params, options) => {
    const shaped = { ...params, contents: groupFunctionResponses(params.contents) };
    if (libraryFastPaths()) return openStream(client, shaped, { ...client._requestOptions, ...options });
    const result = await sdkStream(shaped, options);
    return { ...result, stream: visibleOutcomes(result.stream) };
  };
}

/** The SDK's GenerativeModel inside LangChain's adapter. */
export function geminiClientOf(model: ChatGoogleGenerativeAI): GenerativeModelFields {
  return (model as unknown as { client: GenerativeModelFields }).client;
}

async function openStream(
  client: GenerativeModelFields,
  params: GenerateContentRequest,
  options: SingleRequestOptions,
): Promise<StreamResult> {
  const url = `${options.baseUrl ?? DEFAULT_BASE_URL}/${options.apiVersion ?? DEFAULT_API_VERSION}/${client.model}:streamGenerateContent?alt=sse`;
  const body = {
    generationConfig: client.generationConfig,
    safetySettings: client.safetySettings,
    tools: client.tools,
    toolConfig: client.toolConfig,
    systemInstruction: client.systemInstruction,
    cachedContent: client.cachedContent?.name,
    ...params,
  };
  const target = new URL(url);
  const sse = new SseResponse(options.signal);
  getGlobalDispatcher().dispatch(
    {
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'POST',
      headers: {
        ...(options.customHeaders as Record<string, string> | undefined),
        'content-type': 'application/json',
        'x-goog-api-client': options.apiClient ? `${options.apiClient} ${API_CLIENT}` : API_CLIENT,
        'x-goog-api-key': client.apiKey,
      },
      body: requestJson(body),
    },
    sse,
  );
  let head: Awaited<SseResponse['head']>;
  try {
    head = await sse.head;
  } catch (error) {
    throw streamFailure(error, url, options.signal);
  }
  if (head.statusCode < 200 || head.statusCode >= 300) throw httpFailure(head, await sse.text(), url);
  // LangChain reads only `stream`; the aggregate the SDK also builds is not made here.
  return { stream: responses(sse, url, options.signal), response: Promise.resolve(undefined) };
}

/**
 * The request body as JSON, each tool declaration serialised once: LangChain hands the same
 * declaration objects to every request, and they are the body's largest part (the tools' schemas
 * and descriptions), which JSON.stringify otherwise wrote out again per model call. The rest (the
 * conversation, the turn's system instruction) changes every request. Same JSON as
 * JSON.stringify(body), but for the order of the keys.
 */
export function requestJson(body: Record<string, unknown>): string {
  const { tools, ...rest } = body;
  if (!Array.isArray(tools)) return JSON.stringify(body);
  const head = JSON.stringify(rest);
  const list = `[${tools.map(toolJson).join(',')}]`;
  return head === '{}' ? `{"tools":${list}}` : `${head.slice(0, -1)},"tools":${list}}`;
}

/** One declaration's JSON, kept for as long as LangChain keeps the declaration object. */
const toolJson = memoizeByObject((tool: object): string => JSON.stringify(tool) ?? 'null');

/**
 * One `user` turn for all the function responses of one model turn. LangChain sends each tool
 * result as its own turn; Gemini expects the answers to a turn's parallel calls together, and
 * newer models refuse the split form with 400.
 */
export function groupFunctionResponses(contents: Content[]): Content[] {
  const grouped: Content[] = [];
  for (const content of contents) {
    const previous = grouped[grouped.length - 1];
    if (previous && onlyFunctionResponses(previous) && onlyFunctionResponses(content) && previous.role === content.role) {
      grouped[grouped.length - 1] = { ...previous, parts: [...previous.parts, ...content.parts] };
    } else grouped.push(content);
  }
  return grouped;
}

function onlyFunctionResponses(content: Content): boolean {
  return content.parts.length > 0 && content.parts.every((part) => part.functionResponse !== undefined);
}

/** The SSE events of the body, each a GenerateContentResponse. */
async function* responses(sse: SseResponse, url: string, signal: AbortSignal | undefined): AsyncGenerator<GenerateContentResponse> {
  try {
    for (let batch = await sse.take(); batch; batch = await sse.take()) yield* joinText(batch as GenerateContentResponse[]);
  } catch (error) {
    throw streamFailure(error, url, signal);
  } finally {
    // Stopping early (a stopped turn, a timeout) closes the request instead of draining it.
    sse.close();
  }
}

/**
 * Events that arrived since the reader last asked, with runs of plain text events joined into one
 * response. A busy process reads several at once; handing them on one by one cost a LangChain chunk, an
 * agent delta and a coalescer pass each for text that leaves in one frame anyway. Only an event
 * that is nothing but text of one candidate is joined to the next (which keeps its own finish
 * reason, usage and other fields); anything else passes as it came.
 */
function joinText(events: GenerateContentResponse[]): GenerateContentResponse[] {
  const out: GenerateContentResponse[] = [];
  for (const raw of events) {
    const event = withVisibleOutcome(raw);
    const previous = out[out.length - 1];
    const text = previous && plainText(previous);
    const next = text !== undefined && textParts(event);
    if (next) out[out.length - 1] = withText(event, text + next);
    else out.push(event);
  }
  return out;
}

const PLAIN_EVENT_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
const PLAIN_CANDIDATE_KEYS = new Set(['content', 'index']);

/** The text of an event that carries nothing else (no finish reason, no ratings, no calls), if it is one. */
export function plainText(event: GenerateContentResponse): string | undefined {
  if (!Object.keys(event).every((key) => PLAIN_EVENT_KEYS.has(key))) return undefined;
  const [candidate] = event.candidates ?? [];
  if (event.candidates?.length !== 1 || !Object.keys(candidate).every((key) => PLAIN_CANDIDATE_KEYS.has(key))) return undefined;
  return textParts(event);
}

/** The joined text of an event whose one candidate's parts are all plain text, if they are. */
function textParts(event: GenerateContentResponse): string | undefined {
  const parts = event.candidates?.length === 1 ? event.candidates[0].content?.parts : undefined;
  if (!parts?.length || !parts.every((part) => Object.keys(part).length === 1 && typeof part.text === 'string')) return undefined;
  return parts.map((part) => part.text).join('');
}

function withText(event: GenerateContentResponse, text: string): GenerateContentResponse {
  const [candidate] = event.candidates!;
  return { ...event, candidates: [{ ...candidate, content: { ...candidate.content, parts: [{ text }] } }] };
}

/**
 * LangChain converts only events whose first candidate has content: a blocked prompt (no
 * candidates, `promptFeedback.blockReason`) and a candidate that ends without content (a SAFETY or
 * MALFORMED_FUNCTION_CALL finish, an empty reply) are dropped, and with them the only word of why
 * the step ended. Such an event is handed on with an empty model turn; the prompt feedback rides in
 * the candidate, whose fields LangChain copies into the chunk's response metadata.
 */
export function withVisibleOutcome(event: GenerateContentResponse): GenerateContentResponse {
  const [candidate] = event.candidates ?? [];
  if (candidate?.content?.parts) return event;
  const { promptFeedback } = event;
  return {
    ...event,
    candidates: [
      {
        ...candidate,
        index: candidate?.index ?? 0,
        content: { ...candidate?.content, role: candidate?.content?.role ?? 'model', parts: [] },
        ...(promptFeedback ? { promptFeedback } : {}),
      },
    ],
  };
}

async function* visibleOutcomes(stream: AsyncIterable<GenerateContentResponse>): AsyncGenerator<GenerateContentResponse> {
  for await (const event of stream) yield withVisibleOutcome(event);
}

/** The SDK's own error for a request or a body that failed, as its transport words it. */
function streamFailure(error: unknown, url: string, signal: AbortSignal | undefined): Error {
  const failure = error instanceof SseFailed ? error.failure : { kind: 'read' as const, error: error as Error };
  if (failure.kind === 'json') return new GoogleGenerativeAIError(`Error parsing JSON response: "${failure.data.slice(0, 200)}"`);
  const aborted = signal?.aborted || failure.error?.name === 'AbortError';
  if (failure.kind === 'request') {
    if (aborted) return new GoogleGenerativeAIAbortError(`Request aborted when fetching ${url}: ${failure.error.message}`);
    return new GoogleGenerativeAIError(`Error fetching from ${url}: ${failure.error?.message ?? String(error)}`);
  }
  if (aborted) return new GoogleGenerativeAIAbortError('Request aborted when reading from the stream');
  return new GoogleGenerativeAIError('Error reading from the stream');
}

/**
 * The SDK's error for a non-2xx answer, plus the `Retry-After` header, which the SDK's own
 * transport does not keep (RetryInfo in the body's details it does).
 */
export class GeminiFetchError extends GoogleGenerativeAIFetchError {
  constructor(
    message: string,
    status: number,
    statusText: string,
    errorDetails: GoogleGenerativeAIFetchError['errorDetails'],
    readonly retryAfter?: string,
  ) {
    super(message, status, statusText, errorDetails);
  }
}

/** The SDK's own error for a non-2xx answer: message and details from the body, status for retries. */
function httpFailure(head: { statusCode: number; headers: IncomingHttpHeaders }, body: string, url: string): Error {
  const statusText = STATUS_CODES[head.statusCode] ?? '';
  let message = '';
  let details: unknown;
  try {
    const json = JSON.parse(body) as { error?: { message?: string; details?: unknown } };
    message = json.error?.message ?? '';
    if (json.error?.details) {
      details = json.error.details;
      message += ` ${JSON.stringify(details)}`;
    }
  } catch {
    // A body that is not JSON adds nothing to the status.
  }
  const retryAfter = head.headers['retry-after'];
  return new GeminiFetchError(
    `Error fetching from ${url}: [${head.statusCode} ${statusText}] ${message}`,
    head.statusCode,
    statusText,
    details as GoogleGenerativeAIFetchError['errorDetails'],
    typeof retryAfter === 'string' ? retryAfter : undefined,
  );
}
