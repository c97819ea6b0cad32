/** Runs every `*.cases.yaml` under src/rules against the registry and the real parameters. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { boundaryGaps, checkCase, parseCaseFile, type CaseFile } from '../engine/cases.js';
import { ruleParameterProblems } from '../engine/rule.js';
import { loadRegulations } from '../load-from-files.js';
import { findRule, registry } from '../registry.js';

const rulesDir = fileURLToPath(new URL('.', import.meta.url));
const caseFiles: (CaseFile & { file: string })[] = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.cases.yaml'))
  .sort()
  .map((file) => ({ file, ...parseCaseFile(parse(readFileSync(new URL(file, import.meta.url), 'utf8'), { uniqueKeys: true }), file) }));
const tree = loadRegulations();

describe('registry', () => {
  it('has unique rule ids', () => {
    const ids = registry.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(registry.map((r) => [r.id, r] as const))('%s has a .cases.yaml', (id) => {
    expect(caseFiles.filter((f) => f.rule === id).map((f) => f.file)).toHaveLength(1);
  });

  it.each(caseFiles.map((f) => [f.file, f.rule] as const))('%s tests a registered rule (%s)', (_, id) => {
    expect(findRule(id), `规则 ${id} 未在 src/registry.ts 中登记`).toBeDefined();
  });

  it.each(registry.map((r) => [r.id, r] as const))('%s reads existing parameters of the shape it expects', (_, rule) => {
    expect(ruleParameterProblems(rule, tree)).toEqual([]);
  });

  it.each(registry.map((r) => [r.id, r] as const))('%s has a case on each side of every effective date of its parameters', (id, rule) => {
    expect(boundaryGaps(rule, tree, caseFiles.filter((f) => f.rule === id).flatMap((f) => f.cases))).toEqual([]);
  });
});

for (const { file, rule: id, cases } of caseFiles) {
  describe(file, () => {
    const rule = findRule(id);
    it.each(cases)('$name', (c) => {
      if (!rule) throw new Error(`规则 ${id} 未登记`);
      expect(checkCase(rule, tree, c)).toEqual([]);
    });
  });
}
