/**
 * Add `value` to the list under `key`, creating it. In place: `map.set(k, [...(map.get(k) ?? []), v])`
 * copies the list on every add, quadratic in its length (a 1,000-run window's step timings
 * allocated 200 MB that way, for a few MB kept).
 */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
