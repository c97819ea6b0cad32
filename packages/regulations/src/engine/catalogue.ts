/** A structured catalogue of rules, parameters and sources: what the docs page and an admin screen show. */
import { getParameter, parameterPath, type Force, type ParameterTree, type ScalarValue, type Source } from './parameters.js';
import type { AnyRule, Timing } from './rule.js';

export type CatalogueValue = {
  effectiveFrom: string;
  /** null: repealed from this date. */
  value: ScalarValue | null;
  force: Force;
  source: string;
  sourceTitle: string;
  article: string;
  quote?: string;
};

export type CatalogueParameter = {
  id: string;
  path: string;
  description: string;
  unit: string;
  verifiedOn: string;
  values: CatalogueValue[];
};

export type CatalogueRule = {
  id: string;
  period: Timing['period'];
  resolveAt: Timing['resolveAt'];
  title: string;
  description: string;
  /** The rule's own name for each parameter, with the parameter. */
  parameters: (CatalogueParameter & { name: string })[];
};

export type Catalogue = { rules: CatalogueRule[]; parameters: CatalogueParameter[]; sources: Source[] };

function describeParameter(tree: ParameterTree, id: string): CatalogueParameter {
  const parameter = getParameter(tree, id);
  return {
    id,
    path: parameterPath(id),
    description: parameter.description,
    unit: parameter.unit,
    verifiedOn: parameter.verifiedOn,
    values: parameter.values.map((v) => ({
      effectiveFrom: v.effectiveFrom,
      value: v.value,
      force: v.force,
      source: v.source,
      sourceTitle: tree.sources.get(v.source)?.title ?? v.source,
      article: v.article,
      ...(v.quote === undefined ? {} : { quote: v.quote }),
    })),
  };
}

/** Rules (in registry order) → their parameters → dated values with citations; then every parameter and source, by id. */
export function describeCatalogue(tree: ParameterTree, registry: readonly AnyRule[]): Catalogue {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    rules: registry.map((rule) => ({
      id: rule.id,
      title: rule.title,
      description: rule.description,
      period: rule.period,
      resolveAt: rule.resolveAt,
      parameters: Object.entries(rule.params).map(([name, spec]) => ({ name, ...describeParameter(tree, spec.id) })),
    })),
    parameters: [...tree.parameters.keys()].sort().map((id) => describeParameter(tree, id)),
    sources: [...tree.sources.values()].sort(byId),
  };
}
