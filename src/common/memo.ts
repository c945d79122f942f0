/**
 * `compute`, remembered per key object for as long as the key lives: for values derived from
 * objects a turn receives again and again (a model binding, a tool list, a stored message), so
 * each is worked out once. Results may be undefined; they are remembered too.
 */
export function memoizeByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
