/**
 * Rules: logic in TypeScript over cited parameters. A rule declares the parameters it reads (with the shape
 * it expects), the facts it needs and when its parameters are resolved; `assess` decides. The engine
 * resolves the parameters, checks the facts, and derives severity from the `force` of each failed basis.
 */
import type Type from 'typebox';
import Value from 'typebox/value';
import { resolveParameter, schemaProblems, type Force, type ParameterTree, type Resolved } from './parameters.js';
import { isIsoDate, periodBounds, periodKindOf, type PeriodKind } from './period.js';

export type Status = 'met' | 'unmet' | 'not_applicable' | 'unknown';

/** `violation` for 应当 (shall), `warning` for 一般 (generally); a failed 可以 (may) is never a finding. */
export type Severity = 'violation' | 'warning';

export function severityOf(force: Force): Severity | null {
  switch (force) {
    case 'shall':
      return 'violation';
    case 'generally':
      return 'warning';
    case 'may':
      return null;
  }
}

/** What `assess` reports for one failed requirement: a stable code, a Chinese message, and the parameter it breaks. */
export type ProblemInput = { code: string; message: string; basis: Resolved<unknown> };
export type Problem = ProblemInput & { severity: Severity | null };

export type Outcome<D> =
  | { status: 'met'; detail: D }
  | { status: 'unmet'; detail: D; problems: [ProblemInput, ...ProblemInput[]] }
  | { status: 'not_applicable'; reason: string }
  | { status: 'unknown'; missing: string[] };

export const met = <D>(detail: D): Outcome<D> => ({ status: 'met', detail });
export const unmet = <D>(detail: D, problems: [ProblemInput, ...ProblemInput[]]): Outcome<D> => ({ status: 'unmet', detail, problems });
export const notApplicable = (reason: string): Outcome<never> => ({ status: 'not_applicable', reason });
/** Facts that could not be established, so the rule cannot decide. */
export const unknownFacts = (missing: string[]): Outcome<never> => ({ status: 'unknown', missing });

/** A parameter a rule reads, with the shape its value must have (checked on every resolution). */
export type ParamSpec<S extends Type.TSchema = Type.TSchema> = { id: string; schema: S };
export const param = <S extends Type.TSchema>(id: string, schema: S): ParamSpec<S> => ({ id, schema });

export type ParamSpecs = Record<string, ParamSpec>;
export type ResolvedParams<P extends ParamSpecs> = { [K in keyof P]: Resolved<Type.Static<P[K]['schema']>> | undefined };

/**
 * When parameters are resolved. `event` rules judge one event on its date (a password change, a meeting);
 * period rules are judged by the law in force on the first (`period_start`, as in OpenFisca) or last day.
 */
export type Timing =
  | { period: 'event'; resolveAt: 'event_date' }
  | { period: PeriodKind; resolveAt: 'period_start' | 'period_end' };

export type RuleSpec<P extends ParamSpecs, F extends Type.TSchema, D> = Timing & {
  /** Stable, snake_case, dotted: `security.password_policy`. */
  id: string;
  /** Chinese, one line. */
  title: string;
  /** Chinese: what is checked and how, for the catalogue. */
  description: string;
  params: P;
  facts: F;
  assess(input: { params: ResolvedParams<P>; facts: Type.Static<F>; asOf: string }): Outcome<D>;
};

/** Event rules take `asOf`; period rules take `period` (`2024-Q1`, …) of their own kind. */
export type EvaluateInput<Facts> = { tree: ParameterTree; facts: Facts; asOf?: string; period?: string };

type EvaluationCommon = {
  ruleId: string;
  /** The date on which parameters were resolved. */
  asOf: string;
  period: string | null;
  /** The most severe problem's severity; null when met, not applicable, unknown, or only 可以 failed. */
  severity: Severity | null;
  /** Empty unless `unmet`. */
  problems: Problem[];
  /** Every parameter in force on `asOf` that the rule read, with its citation: enough to explain the result later. */
  basis: Resolved<unknown>[];
};

export type Evaluation<D> = EvaluationCommon &
  (
    | { status: 'met'; detail: D }
    | { status: 'unmet'; detail: D }
    | { status: 'not_applicable'; reason: string }
    | { status: 'unknown'; missing: string[] }
  );

export type Rule<P extends ParamSpecs, F extends Type.TSchema, D> = RuleSpec<P, F, D> & {
  evaluate(input: EvaluateInput<Type.Static<F>>): Evaluation<D>;
};

/** Any rule, for the registry and the tooling around it. */
export type AnyRule = Rule<ParamSpecs, Type.TSchema, unknown>;

/** The date a rule resolves its parameters on, for an event date or a period. */
export function resolutionDate(rule: Timing & { id: string }, when: { asOf?: string; period?: string }): { asOf: string; period: string | null } {
  if (rule.period === 'event') {
    if (when.asOf === undefined || !isIsoDate(when.asOf)) throw new RangeError(`规则 ${rule.id} 按事件日评价，需要有效的 asOf（YYYY-MM-DD）`);
    return { asOf: when.asOf, period: null };
  }
  if (when.period === undefined || periodKindOf(when.period) !== rule.period) {
    throw new RangeError(`规则 ${rule.id} 按 ${rule.period} 期间评价，需要对应的 period（收到 ${JSON.stringify(when.period)}）`);
  }
  const bounds = periodBounds(when.period);
  return { asOf: rule.resolveAt === 'period_start' ? bounds.start : bounds.end, period: when.period };
}

const SEVERITY_RANK: Record<Severity, number> = { warning: 1, violation: 2 };

function worst(severities: (Severity | null)[]): Severity | null {
  return severities.reduce<Severity | null>((acc, s) => (s && (!acc || SEVERITY_RANK[s] > SEVERITY_RANK[acc]) ? s : acc), null);
}

/** Declares a rule: a typed spec plus `evaluate`, which resolves its parameters from a tree and runs `assess`. */
export function defineRule<P extends ParamSpecs, F extends Type.TSchema, D>(spec: RuleSpec<P, F, D>): Rule<P, F, D> {
  return {
    ...spec,
    evaluate({ tree, facts, ...when }) {
      const { asOf, period } = resolutionDate(spec, when);
      if (!Value.Check(spec.facts, facts)) {
        const errors = schemaProblems(spec.facts, facts);
        throw new TypeError(`规则 ${spec.id} 的事实不符合约定：${errors.join('；')}`);
      }
      const params = {} as Record<string, Resolved<unknown> | undefined>;
      for (const [name, { id, schema }] of Object.entries(spec.params)) {
        const resolved = resolveParameter<unknown>(tree, id, asOf);
        if (resolved && !Value.Check(schema, resolved.value)) {
          throw new TypeError(`参数 ${id} 自 ${resolved.effectiveFrom} 的取值 ${JSON.stringify(resolved.value)} 不符合规则 ${spec.id} 的要求`);
        }
        params[name] = resolved;
      }
      const basis = Object.values(params).filter((r): r is Resolved<unknown> => r !== undefined);
      const common = { ruleId: spec.id, asOf, period, basis };
      const outcome = spec.assess({ params: params as ResolvedParams<P>, facts, asOf });
      if (outcome.status !== 'unmet') return { ...common, ...outcome, severity: null, problems: [] };
      const problems = outcome.problems.map((p) => ({ ...p, severity: severityOf(p.basis.force) }));
      return { ...common, status: 'unmet', detail: outcome.detail, problems, severity: worst(problems.map((p) => p.severity)) };
    },
  };
}

/** Problems between a rule and a tree: unknown parameter ids, or dated values the rule's schema rejects. */
export function ruleParameterProblems(rule: AnyRule, tree: ParameterTree): string[] {
  return Object.values(rule.params).flatMap(({ id, schema }) => {
    const parameter = tree.parameters.get(id);
    if (!parameter) return [`规则 ${rule.id} 引用了不存在的参数 ${id}`];
    return parameter.values
      .filter((v) => v.value !== null && !Value.Check(schema, v.value))
      .map((v) => `参数 ${id} 自 ${v.effectiveFrom} 的取值 ${JSON.stringify(v.value)} 不符合规则 ${rule.id} 的要求`);
  });
}
