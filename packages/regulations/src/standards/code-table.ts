/**
 * National and Party-statistics code tables as typed data, with a lookup that accepts what people type into an
 * import sheet or a form: the code, the label, a known alias, or "code label" / "code-label" (the way Excel
 * templates of this domain put both in one cell, e.g. `01 汉族`). Pure: no I/O.
 */

/** One code of a table. `aliases` are other spellings that mean this entry (historic names, short forms). */
export interface CodeEntry {
  code: string;
  label: string;
  aliases?: readonly string[];
}

/** A code table: `standard` names where the codes come from; `note` says what was chosen where the source is silent. */
export interface CodeTable {
  id: string;
  title: string;
  standard: string;
  note?: string;
  entries: readonly CodeEntry[];
}

/**
 * Text as compared by the lookups: NFKC (full-width digits, letters, spaces and brackets become half-width),
 * with every whitespace character removed (so leading, trailing and inner spaces do not matter).
 */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

/** The comparison key: normalized and case-folded (codes such as `1A` and aliases such as `M` ignore case). */
const keyOf = (s: string) => normalizeText(s).toUpperCase();

/** Every key an entry answers to, except the combined "code label" forms. */
export function entryKeys(entry: CodeEntry): string[] {
  return [entry.code, entry.label, ...(entry.aliases ?? [])].map(keyOf);
}

/**
 * The entry for `input`: by code, then label, then alias, then "code label" / "code-label" (with the label or an
 * alias after the code). Undefined when nothing matches or the input is empty.
 */
export function lookupCode(table: CodeTable, input: string): CodeEntry | undefined {
  const key = keyOf(input);
  if (key === '') return undefined;
  const index = indexOf(table);
  const exact = index.byCode.get(key) ?? index.byLabel.get(key) ?? index.byAlias.get(key);
  if (exact) return exact;
  // "code label" / "code-label": a known code followed by that entry's own label or alias.
  for (const [code, entry] of index.byCode) {
    if (!key.startsWith(code)) continue;
    const rest = key.slice(code.length).replace(/^-/, '');
    if (rest !== '' && (keyOf(entry.label) === rest || (entry.aliases ?? []).some((a) => keyOf(a) === rest))) return entry;
  }
  return undefined;
}

interface TableIndex {
  byCode: Map<string, CodeEntry>;
  byLabel: Map<string, CodeEntry>;
  byAlias: Map<string, CodeEntry>;
}

/** Normalized keys of a table, computed once per table (tables are immutable data). */
const indexes = new WeakMap<CodeTable, TableIndex>();

function indexOf(table: CodeTable): TableIndex {
  let index = indexes.get(table);
  if (!index) {
    index = { byCode: new Map(), byLabel: new Map(), byAlias: new Map() };
    for (const e of table.entries) {
      if (!index.byCode.has(keyOf(e.code))) index.byCode.set(keyOf(e.code), e);
      if (!index.byLabel.has(keyOf(e.label))) index.byLabel.set(keyOf(e.label), e);
      for (const a of e.aliases ?? []) if (!index.byAlias.has(keyOf(a))) index.byAlias.set(keyOf(a), e);
    }
    indexes.set(table, index);
  }
  return index;
}

/** The label of `code` in `table` (the code exactly as stored), or undefined for an unknown code. */
export function labelOf(table: CodeTable, code: string): string | undefined {
  return table.entries.find((e) => e.code === code)?.label;
}
