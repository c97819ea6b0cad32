// Answer checks: the endpoint's JSON (mapped to the compared fields) against the hand-written SQL's answer
// (mapped to the same shape). A difference is a correctness failure of the suite, printed path by path.

const MAX_DIFFS = 20;

/** Differences between two JSON-like values, one line per differing path ('' when equal). */
export function diff(endpoint: unknown, raw: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= MAX_DIFFS) return out;
  if (Array.isArray(endpoint) && Array.isArray(raw)) {
    if (endpoint.length !== raw.length) out.push(`${path}: length endpoint=${endpoint.length} sql=${raw.length}`);
    for (let i = 0; i < Math.min(endpoint.length, raw.length); i++) diff(endpoint[i], raw[i], `${path}[${i}]`, out);
    return out;
  }
  if (isObject(endpoint) && isObject(raw)) {
    for (const key of new Set([...Object.keys(endpoint), ...Object.keys(raw)])) diff(endpoint[key], raw[key], `${path}.${key}`, out);
    return out;
  }
  if (!Object.is(endpoint, raw)) out.push(`${path}: endpoint=${JSON.stringify(endpoint)} sql=${JSON.stringify(raw)}`);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface PageCheck {
  diffs: string[];
  /** Runs of two or more rows with equal sort keys: their relative order is not defined by the ORDER BY. */
  ties: number;
}

/**
 * First-page check for a list whose ORDER BY may not be total: both sides must have the same sort keys in the
 * same order, and the same ids within each run of equal keys (in any order). The last run of a full page may be
 * cut at the page boundary, where either side may legitimately have picked different rows of the run.
 */
export function comparePage<T>(endpoint: readonly T[], raw: readonly T[], sortKey: (row: T) => string, id: (row: T) => string, pageSize: number): PageCheck {
  const diffs: string[] = [];
  if (endpoint.length !== raw.length) diffs.push(`page length: endpoint=${endpoint.length} sql=${raw.length}`);
  const n = Math.min(endpoint.length, raw.length);
  for (let i = 0; i < n; i++) {
    if (sortKey(endpoint[i]!) !== sortKey(raw[i]!)) diffs.push(`[${i}] sort key: endpoint=${sortKey(endpoint[i]!)} sql=${sortKey(raw[i]!)}`);
  }
  if (diffs.length > 0) return { diffs: diffs.slice(0, MAX_DIFFS), ties: 0 };
  let ties = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sortKey(endpoint[end]!) === sortKey(endpoint[start]!)) end++;
    if (end - start > 1) ties++;
    const cutAtBoundary = end === n && n === pageSize;
    const a = endpoint.slice(start, end).map(id).sort();
    const b = raw.slice(start, end).map(id).sort();
    if (!cutAtBoundary && a.join('\n') !== b.join('\n')) diffs.push(`[${start}..${end - 1}] ids: endpoint=${a.join(',')} sql=${b.join(',')}`);
    start = end;
  }
  return { diffs: diffs.slice(0, MAX_DIFFS), ties };
}
