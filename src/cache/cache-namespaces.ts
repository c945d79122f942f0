/** Every kind of cached value, each with its own TTL policy (seconds, from config). */
export type CacheNamespace = 'sports' | 'tournaments' | 'fixtures' | 'odds' | 'probe';

export const KEY_PREFIX = 'chatbet:v1';

/**
 * One component of a Redis or memory-store key, encoded so that ':' only ever separates
 * components: '%' and ':' are percent-encoded, nothing else changes. Ids are client-supplied and
 * may hold ':' (the protocol's charset allows it), so without this `vic` + `b:c` and `vic:b` + `c`
 * would share a key, and a session named `S:messages` would land on session S's message list.
 * Ids without those two characters (nearly all of them) keep the key they always had.
 */
export function keyPart(value: string | number | boolean): string {
  const text = String(value);
  // Most components hold neither character: a look is cheaper than a replace that changes nothing.
  if (!text.includes(':') && !text.includes('%')) return text;
  return text.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
}

/** Joins the app prefix and encoded components; the only way a key is built from values. */
export function storeKey(...parts: Array<string | number | boolean>): string {
  // Every cache read and state write builds one: a loop, not arrays from a spread and a map.
  let key = KEY_PREFIX;
  for (const part of parts) key += `:${keyPart(part)}`;
  return key;
}

export function cacheKey(namespace: CacheNamespace, ...parts: Array<string | number | boolean | undefined>): string {
  return storeKey(namespace, ...parts.map((p) => (p === undefined ? '_' : p)));
}
