import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Used as pino-http's `genReqId`: a caller's x-request-id is kept when it is a sane token, else a
 * fresh UUID; either way it is echoed back so a client can quote it to support.
 */
export function assignCorrelationId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[HEADER];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const id = candidate && SAFE_ID.test(candidate) ? candidate : randomUUID();
  res.setHeader(HEADER, id);
  return id;
}

/** The request's correlation id; assigned here for requests no logging middleware saw. */
export function correlationIdOf(req: IncomingMessage & { id?: unknown }, res?: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const id = res ? assignCorrelationId(req, res) : randomUUID();
  req.id = id;
  return id;
}
