import { Injectable, Logger } from '@nestjs/common';
import { errorDetail } from './raw-payloads';
import { SportsApiResilience } from './sports-api.resilience';
import { SportsApiClientOptions } from './sports-api-client.options';
import {
  UpstreamNetworkError,
  UpstreamPayloadError,
  UpstreamStatusError,
  UpstreamTimeoutError,
} from './upstream-errors';
import type { Span } from '@opentelemetry/api';
import { traced, tracingOn } from '../../tracing/tracing';

export type QueryValue = string | number | boolean | undefined;

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path from the API root, e.g. "/sports/odds". */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller's cancellation (a closed socket, a stopped turn). */
  signal?: AbortSignal;
  /** Retried on transient failures. Defaults to true for GET, false otherwise. */
  idempotent?: boolean;
}

/** Joins the base URL and a path without losing a base path or doubling slashes. */
export function joinUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): URL {
  const base = `${baseUrl.replace(/\/+$/, '')}/`;
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

/** How an exchange ended, for metrics: the HTTP status, or why there was none. */
export type ExchangeOutcome = number | 'timeout' | 'network' | 'stopped';

/**
 * One HTTP exchange with the ChatBet API on Node's fetch, inside the resilience policies. Returns
 * the parsed JSON body; every failure leaves as one of the Upstream* errors (or the caller's own
 * abort reason).
 */
@Injectable()
export class SportsApiTransport {
  private readonly logger = new Logger('SportsApi');
  private listener?: (path: string, outcome: ExchangeOutcome) => void;

  constructor(
    private readonly options: SportsApiClientOptions,
    private readonly resilience: SportsApiResilience,
  ) {}

  /** Metrics register here rather than the sports API importing them; called once per attempt. */
  onExchange(listener: (path: string, outcome: ExchangeOutcome) => void): void {
    this.listener = listener;
  }

  send(request: UpstreamRequest): Promise<unknown> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    return this.resilience.execute((signal) => this.attempt(request, signal), {
      idempotent,
      signal: request.signal,
    });
  }

  private attempt(request: UpstreamRequest, signal: AbortSignal): Promise<unknown> {
    if (!tracingOn()) return this.exchange(request, signal);
    return traced('sports_api.request', { 'http.request.method': request.method, 'url.path': request.path }, (span) =>
      this.exchange(request, signal, span),
    );
  }

  private async exchange(request: UpstreamRequest, signal: AbortSignal, span?: Span): Promise<unknown> {
    const { method, path } = request;
    const url = joinUrl(this.options.baseUrl, path, request.query);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      const text = await response.text();
      span?.setAttribute('http.response.status_code', response.status);
      this.listener?.(path, response.status);
      if (!response.ok)
        throw new UpstreamStatusError(method, path, response.status, errorDetail(safeJson(text)));
      if (text.trim() === '') return null;
      const body = safeJson(text);
      if (body === undefined) throw new UpstreamPayloadError(method, path);
      return body;
    } catch (error) {
      if (error instanceof UpstreamStatusError || error instanceof UpstreamPayloadError) throw error;
      if (signal.aborted) {
        // The caller gave up: not the service's fault, so neither retried nor counted as a failure.
        if (request.signal?.aborted) {
          this.listener?.(path, 'stopped');
          throw request.signal.reason;
        }
        this.listener?.(path, 'timeout');
        this.logger.warn(`sports API ${method} ${path} timed out after ${this.options.timeoutMs} ms`);
        throw new UpstreamTimeoutError(method, path, this.options.timeoutMs);
      }
      this.listener?.(path, 'network');
      throw new UpstreamNetworkError(method, path, error);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
