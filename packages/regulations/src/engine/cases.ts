/**
 * YAML rule cases (`x.cases.yaml` beside `x.rule.ts`), readable by an organization-department reviewer:
 * facts and a date in, the expected status, severity, problem codes and detail out. Pure: the test that
 * runs them reads the files.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import { schemaProblems, type ParameterTree } from './parameters.js';
import { resolutionDate, type AnyRule, type Evaluation } from './rule.js';

const StatusSchema = Type.Union([Type.Literal('met'), Type.Literal('unmet'), Type.Literal('not_applicable'), Type.Literal('unknown')]);
const SeveritySchema = Type.Union([Type.Literal('violation'), Type.Literal('warning'), Type.Null()]);

export const RuleCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /** For event rules: the event date. */
    as_of: Type.Optional(Type.String()),
    /** For period rules: `2024-Q1`, `2024-03`, `2024`. */
    period: Type.Optional(Type.String()),
    facts: Type.Unknown(),
    expect: Type.Object(
      {
        status: StatusSchema,
        severity: Type.Optional(SeveritySchema),
        /** Problem codes, in the order the rule reports them. */
        problems: Type.Optional(Type.Array(Type.String())),
        /** Problem messages, exactly. */
        messages: Type.Optional(Type.Array(Type.String())),
        /** Keys listed here must equal the detail's; other keys are not compared. */
        detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RuleCase = Type.Static<typeof RuleCaseSchema>;

export const CaseFileSchema = Type.Object(
  { rule: Type.String({ minLength: 1 }), cases: Type.Array(RuleCaseSchema, { minItems: 1 }) },
  { additionalProperties: false },
);
export type CaseFile = Type.Static<typeof CaseFileSchema>;

/** Validates a parsed case file; throws with every problem, prefixed by `file`. */
export function parseCaseFile(content: unknown, file: string): CaseFile {
  if (Value.Check(CaseFileSchema, content)) return content;
  const problems = schemaProblems(CaseFileSchema, content).map((p) => `  - ${p}`);
  throw new Error(`${file}: 用例文件格式不正确\n${problems.join('\n')}`);
}

/** The date on which a case resolves its parameters. */
export function caseDate(rule: AnyRule, c: RuleCase): string {
  return resolutionDate(rule, { ...(c.as_of === undefined ? {} : { asOf: c.as_of }), ...(c.period === undefined ? {} : { period: c.period }) }).asOf;
}

export function runCase(rule: AnyRule, tree: ParameterTree, c: RuleCase): Evaluation<unknown> {
  return rule.evaluate({
    tree,
    facts: c.facts,
    ...(c.as_of === undefined ? {} : { asOf: c.as_of }),
    ...(c.period === undefined ? {} : { period: c.period }),
  });
}

/** Differences between a case's expectation and the rule's evaluation; empty when the case passes. */
export function checkCase(rule: AnyRule, tree: ParameterTree, c: RuleCase): string[] {
  const actual = runCase(rule, tree, c);
  const { expect } = c;
  const mismatches: string[] = [];
  const compare = (what: string, expected: unknown, got: unknown) => {
    if (!Value.Equal(expected, got)) mismatches.push(`${what}：期望 ${JSON.stringify(expected)}，实际 ${JSON.stringify(got)}`);
  };
  compare('status', expect.status, actual.status);
  if (expect.severity !== undefined) compare('severity', expect.severity, actual.severity);
  if (expect.problems !== undefined) compare('problems', expect.problems, actual.problems.map((p) => p.code));
  if (expect.messages !== undefined) compare('messages', expect.messages, actual.problems.map((p) => p.message));
  if (expect.detail !== undefined) {
    const detail: unknown = 'detail' in actual ? actual.detail : undefined;
    for (const [key, value] of Object.entries(expect.detail)) {
      const got = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[key] : undefined;
      compare(`detail.${key}`, value, got);
    }
  }
  return mismatches;
}

/**
 * Effective dates of the rule's parameters that lack a case on either side: for each date d there must be a
 * case resolving on a day in [previous date, d) and one in [d, next date). Returns one message per gap.
 */
export function boundaryGaps(rule: AnyRule, tree: ParameterTree, cases: readonly RuleCase[]): string[] {
  const dates = cases.map((c) => caseDate(rule, c));
  const covered = (from: string | undefined, to: string | undefined) =>
    dates.some((d) => (from === undefined || d >= from) && (to === undefined || d < to));
  const gaps: string[] = [];
  for (const { id } of Object.values(rule.params)) {
    const effective = tree.parameters.get(id)?.values.map((v) => v.effectiveFrom) ?? [];
    effective.forEach((date, i) => {
      if (!covered(effective[i - 1], date)) gaps.push(`${rule.id}: 参数 ${id} 的生效日 ${date} 之前缺少用例`);
      if (!covered(date, effective[i + 1])) gaps.push(`${rule.id}: 参数 ${id} 的生效日 ${date} 当日或之后缺少用例`);
    });
  }
  return gaps;
}
