// Helpers shared by the simulator's specs (plain module so it is not collected as a test file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES_DIR = join(__dirname, '..', 'contract-examples');

/** A copy of /work/shared/sports-api/examples, kept beside the simulator so specs run from a clone. */
export function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
}

/**
 * The structure of a JSON value: objects keep their keys (sorted), arrays collapse to the shape of
 * their first element, leaves become their JSON type. Two payloads with equal shapes differ only in
 * values.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs explore payloads dynamically
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see JsonResponse
export async function getJson<T = any>(url: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see JsonResponse
export async function postJson<T = any>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  return getJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
