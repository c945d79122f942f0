/** Every kind of cached value, each with its own TTL policy (seconds, from config). */
export type CacheNamespace = 'sports' | 'tournaments' | 'fixtures' | 'odds' | 'probe';

export const KEY_PREFIX = 'chatbet:v1';

export function cacheKey(namespace: CacheNamespace, ...parts: Array<string | number | boolean | undefined>): string {
  return [KEY_PREFIX, namespace, ...parts.map((p) => (p === undefined ? '_' : String(p)))].join(':');
}
