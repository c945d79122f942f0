import type { RawData } from 'ws';
import { InvalidMessageError, MessageTooLongError } from '../common/errors';

/** protocol.md §4: larger frames get an error frame and the connection stays open… */
export const MAX_FRAME_BYTES = 16 * 1024;

/**
 * A plain-WebSocket client frame as a JSON object, or a domain error saying why not (too large,
 * binary, not JSON, not an object), for both plain-WebSocket endpoints.
 */
export function readJsonFrame(data: RawData, isBinary: boolean): object {
  const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
  if (size > MAX_FRAME_BYTES) throw new MessageTooLongError(MAX_FRAME_BYTES);
  if (isBinary) throw new InvalidMessageError('Frames must be JSON text.');
  let frame: unknown;
  try {
    frame = JSON.parse(rawText(data));
  } catch {
    throw new InvalidMessageError('The frame is not valid JSON.');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) throw new InvalidMessageError('The frame must be a JSON object.');
  return frame;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
