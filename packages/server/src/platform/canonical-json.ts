/**
 * Deterministic JSON: object keys sorted at every level, no whitespace. Used for audit hashes, so a
 * row read back from jsonb (whose key order differs) hashes the same as when it was written.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(normalize(value)));
}

/** Round-trips through JSON so Dates become ISO strings and undefined disappears, as jsonb would store it. */
export function normalize(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
