/**
 * Cited, date-versioned parameters (OpenFisca style): numbers live in YAML under `parameters/`, each dated
 * value carries its own citation, and the file path is the id. This module is pure: it validates contents
 * that a loader has already read (see `load-from-files.ts`) and resolves a value for a date.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import { isIsoDate } from './period.js';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Text = Type.String({ minLength: 1 });

/** The regulation's wording: 应当 (shall), 一般 (generally), 可以 (may). Severity of a failure follows from it. */
export const ForceSchema = Type.Enum(['shall', 'generally', 'may']);
export type Force = Type.Static<typeof ForceSchema>;

export const SourceKindSchema = Type.Enum(['party_regulation', 'national_standard', 'law', 'local_practice', 'project_default']);
export type SourceKind = Type.Static<typeof SourceKindSchema>;

/** One entry of `sources.yaml`. `repealed_on`: the day this text stopped being in force (repealed or replaced by an amended text). */
export const SourceEntrySchema = Type.Object(
  {
    title: Text,
    issuer: Text,
    kind: SourceKindSchema,
    published_on: IsoDate,
    effective_on: IsoDate,
    repealed_on: Type.Union([IsoDate, Type.Null()]),
    url: Type.Optional(Type.String({ pattern: '^https?://' })),
    note: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type SourceEntry = Type.Static<typeof SourceEntrySchema>;

export const ScalarValueSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean()]);
export type ScalarValue = Type.Static<typeof ScalarValueSchema>;

/** A value with its citation; `value: null` records a repeal (and is cited like any other value). */
export const DatedValueSchema = Type.Object(
  {
    value: Type.Union([ScalarValueSchema, Type.Null()]),
    force: ForceSchema,
    source: Text,
    article: Text,
    quote: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type DatedValue = Type.Static<typeof DatedValueSchema>;

/** The contract of one file under `parameters/`; keys of `values` are effective dates, unique and ascending. */
export const ParameterFileSchema = Type.Object(
  {
    description: Text,
    unit: Text,
    kind: Type.Optional(Type.Literal('scalar')),
    verified_on: IsoDate,
    values: Type.Record(Type.String(), DatedValueSchema, { minProperties: 1 }),
  },
  { additionalProperties: false },
);
export type ParameterFile = Type.Static<typeof ParameterFileSchema>;

export type Source = {
  id: string;
  title: string;
  issuer: string;
  kind: SourceKind;
  publishedOn: string;
  effectiveOn: string;
  repealedOn: string | null;
  url?: string;
  note?: string;
};

export type DatedEntry = DatedValue & { effectiveFrom: string };

export type Parameter = {
  id: string;
  description: string;
  unit: string;
  kind: 'scalar';
  verifiedOn: string;
  /** Ascending by `effectiveFrom`. */
  values: readonly DatedEntry[];
};

export type ParameterTree = {
  readonly sources: ReadonlyMap<string, Source>;
  readonly parameters: ReadonlyMap<string, Parameter>;
};

export type Citation = { source: string; sourceTitle: string; article: string; quote?: string };

export type Resolved<T> = {
  id: string;
  value: T;
  /** The effective date of the dated value used. */
  effectiveFrom: string;
  force: Force;
  citation: Citation;
};

/** A parameter's input to `buildParameterTree`: its id (the path under `parameters/`, dotted) and the parsed YAML. */
export type ParameterInput = { id: string; content: unknown };

const PARAMETER_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const SOURCE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Where a parameter lives on disk, for error messages and the catalogue. */
export function parameterPath(id: string): string {
  return `parameters/${id.split('.').join('/')}.yaml`;
}

/** Readable schema errors, `/path message`, without TypeBox's echoes; `prefix` is prepended to each path. */
export function schemaProblems(schema: Type.TSchema, content: unknown, prefix = ''): string[] {
  return Value.Errors(schema, content)
    // Drop the echoes TypeBox adds for `additionalProperties: false` and for each union branch.
    .filter((e) => e.keyword !== 'boolean' && !e.schemaPath.includes('/anyOf/'))
    .map((e) => {
      const params = e.keyword === 'additionalProperties' || e.keyword === 'enum' ? `：${JSON.stringify(Object.values(e.params)[0])}` : '';
      return `${prefix + e.instancePath || '/'} ${e.message}${params}`;
    });
}

function buildSources(raw: unknown, problems: string[]): Map<string, Source> {
  const sources = new Map<string, Source>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('sources.yaml: 顶层必须是以来源标识为键的映射');
    return sources;
  }
  for (const [id, entry] of Object.entries(raw)) {
    const where = `sources.yaml: /${id}`;
    if (!SOURCE_ID.test(id)) problems.push(`${where} 来源标识只能由小写字母、数字和连字符组成`);
    const found = schemaProblems(SourceEntrySchema, entry, `/${id}`);
    if (found.length > 0 || !Value.Check(SourceEntrySchema, entry)) {
      problems.push(...found.map((p) => `sources.yaml: ${p}`));
      continue;
    }
    for (const key of ['published_on', 'effective_on', 'repealed_on'] as const) {
      const date = entry[key];
      if (date !== null && !isIsoDate(date)) problems.push(`${where}/${key} 不是有效日期 ${date}`);
    }
    if (entry.repealed_on !== null && entry.repealed_on <= entry.effective_on) {
      problems.push(`${where}/repealed_on 停止施行日期必须晚于施行日期`);
    }
    sources.set(id, {
      id,
      title: entry.title,
      issuer: entry.issuer,
      kind: entry.kind,
      publishedOn: entry.published_on,
      effectiveOn: entry.effective_on,
      repealedOn: entry.repealed_on,
      ...(entry.url === undefined ? {} : { url: entry.url }),
      ...(entry.note === undefined ? {} : { note: entry.note }),
    });
  }
  return sources;
}

function buildParameter(input: ParameterInput, sources: ReadonlyMap<string, Source>, problems: string[]): Parameter | undefined {
  const where = parameterPath(input.id);
  const found = schemaProblems(ParameterFileSchema, input.content);
  if (found.length > 0 || !Value.Check(ParameterFileSchema, input.content)) {
    problems.push(...found.map((p) => `${where}: ${p}`));
    return undefined;
  }
  const file = input.content;
  const before = problems.length;
  if (!isIsoDate(file.verified_on)) problems.push(`${where}: /verified_on 不是有效日期 ${file.verified_on}`);

  const values: DatedEntry[] = [];
  for (const [date, dated] of Object.entries(file.values)) {
    const at = `${where}: /values/${date}`;
    const previous = values.at(-1);
    if (!isIsoDate(date)) problems.push(`${at} 生效日期不是有效日期（应为 YYYY-MM-DD）`);
    else if (previous && date <= previous.effectiveFrom) problems.push(`${at} 生效日期必须唯一且升序（前一个是 ${previous.effectiveFrom}）`);
    if (dated.value === null && values.length === 0) problems.push(`${at} 第一个取值不能是 null（废止）`);
    const source = sources.get(dated.source);
    if (!source) problems.push(`${at}/source 来源 "${dated.source}" 未在 sources.yaml 中登记`);
    else if (date < source.effectiveOn) problems.push(`${at} 早于来源 "${dated.source}" 的施行日期 ${source.effectiveOn}`);
    values.push({ effectiveFrom: date, ...dated });
  }
  // A value whose source stops being in force must be followed by a newer dated value by that day.
  values.forEach((entry, index) => {
    const repealedOn = sources.get(entry.source)?.repealedOn;
    const next = values[index + 1];
    if (entry.value !== null && repealedOn && (!next || next.effectiveFrom > repealedOn)) {
      problems.push(`${where}: /values/${entry.effectiveFrom} 来源 "${entry.source}" 于 ${repealedOn} 停止施行，须在该日或之前登记新的取值或 null`);
    }
  });
  if (problems.length > before) return undefined;
  return { id: input.id, description: file.description, unit: file.unit, kind: file.kind ?? 'scalar', verifiedOn: file.verified_on, values };
}

/**
 * Validates every source and parameter and builds the tree. Throws one Error listing every problem found,
 * each prefixed with its file and key, so a reviewer fixes them in one pass.
 */
export function buildParameterTree(files: readonly ParameterInput[], sources: unknown): ParameterTree {
  const problems: string[] = [];
  const sourceMap = buildSources(sources, problems);
  const parameters = new Map<string, Parameter>();
  for (const input of [...files].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!PARAMETER_ID.test(input.id)) {
      problems.push(`${input.id}: 参数标识须为小写点分路径（如 security.password.min_length）`);
      continue;
    }
    if (parameters.has(input.id)) {
      problems.push(`${parameterPath(input.id)}: 参数标识重复`);
      continue;
    }
    const parameter = buildParameter(input, sourceMap, problems);
    if (parameter) parameters.set(input.id, parameter);
  }
  if (problems.length > 0) {
    throw new Error(`法规参数校验失败（${problems.length} 处）：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { sources: sourceMap, parameters };
}

/** The parameter with this id; throws for an unknown id (a typo is a bug, not "not in force"). */
export function getParameter(tree: ParameterTree, id: string): Parameter {
  const parameter = tree.parameters.get(id);
  if (!parameter) throw new Error(`未知的法规参数：${id}`);
  return parameter;
}

/**
 * The value in force on `asOf` (an ISO date in Asia/Shanghai) with its citation: the latest dated value whose
 * effective date is on or before `asOf`. Undefined before the first effective date and after a repeal (`null`).
 * `T` is not checked here; rules declare a schema for each parameter they use (see `param` in rule.ts).
 */
export function resolveParameter<T = ScalarValue>(tree: ParameterTree, id: string, asOf: string): Resolved<T> | undefined {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf 不是有效日期（应为 YYYY-MM-DD）：${JSON.stringify(asOf)}`);
  const parameter = getParameter(tree, id);
  const entry = parameter.values.findLast((v) => v.effectiveFrom <= asOf);
  if (!entry || entry.value === null) return undefined;
  const source = tree.sources.get(entry.source);
  return {
    id,
    value: entry.value as T,
    effectiveFrom: entry.effectiveFrom,
    force: entry.force,
    citation: {
      source: entry.source,
      sourceTitle: source?.title ?? entry.source,
      article: entry.article,
      ...(entry.quote === undefined ? {} : { quote: entry.quote }),
    },
  };
}
