import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCatalogue, registry, type Catalogue } from '../src/index.js';
import { loadRegulations } from '../src/load-from-files.js';
import { cataloguePath, renderCatalogue } from './render-catalogue.js';

describe('docs/regulations.md', () => {
  it('is what scripts/write-catalogue.ts generates (run `npm run regulations:catalogue`)', () => {
    const expected = renderCatalogue(describeCatalogue(loadRegulations(), registry));
    expect(readFileSync(cataloguePath, 'utf8'), 'docs/regulations.md 已过期：请运行 npm run regulations:catalogue').toBe(expected);
  });
});

describe('describeCatalogue', () => {
  const catalogue = describeCatalogue(loadRegulations(), registry);

  it('lists every rule with the parameters it reads, and every parameter and source', () => {
    expect(catalogue.rules.map((r) => r.id)).toEqual([
      'security.password_policy',
      'org.setup',
      'elections.term_due',
      'elections.postponement_limit',
      'committee.secretary_qualification',
      'committee.vacancy',
      'elections.quorum',
      'members.probation_due',
      'members.probation_extension',
      'members.transfer_response',
      'meetings.frequency',
      'meetings.absence',
    ]);
    expect(catalogue.rules[0]?.parameters.map((p) => p.id)).toEqual([
      'security.password.min_length',
      'security.password.min_character_classes',
      'security.password.forbid_username',
    ]);
    expect(catalogue.rules.find((r) => r.id === 'elections.term_due')?.parameters.map((p) => p.name)).toEqual([
      'primaryCommittee',
      'primaryCommitteeCounty',
      'generalBranch',
      'branch',
      'onTime',
      'dueSoonDays',
      'dueImminentDays',
    ]);
    expect(catalogue.parameters.map((p) => p.id)).toEqual([...loadRegulations().parameters.keys()].sort());
    expect(catalogue.sources.map((s) => s.id)).toContain('gbt-22239-2019');
  });
});

describe('renderCatalogue', () => {
  const value = { effectiveFrom: '2020-01-01', force: 'may', source: 's', sourceTitle: '标题', article: '第一条' } as const;
  const catalogue: Catalogue = {
    rules: [],
    parameters: [
      {
        id: 'a.b',
        path: 'parameters/a/b.yaml',
        description: '说明',
        unit: 'x',
        verifiedOn: '2024-01-01',
        values: [
          { ...value, value: 'a|b', quote: '第一行\n第二行' },
          { ...value, effectiveFrom: '2021-01-01', value: null },
        ],
      },
    ],
    sources: [],
  };

  it.each([
    ['escapes pipes in cells', '| 2020-01-01 | a\\|b | 可以 may |'],
    ['keeps a quote on one line', '「第一行 第二行」'],
    ['shows a repeal', '| 2021-01-01 | （废止）repealed |'],
  ])('%s', (_, fragment) => {
    expect(renderCatalogue(catalogue)).toContain(fragment);
  });
});
