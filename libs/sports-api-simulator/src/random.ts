// Seeded randomness: every draw is keyed by what it is about (seed + tournament + day …), so the
// dataset does not depend on the order in which things are generated.

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny, well-distributed PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator dedicated to one subject, e.g. `rngFor(seed, 'kickoff', tournamentId, day)`. */
export function rngFor(seed: number, ...keys: Array<string | number>): () => number {
  return mulberry32(hashString(`${seed}|${keys.join('|')}`));
}
