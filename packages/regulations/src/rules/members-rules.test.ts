/** Guards of the member rules that YAML cases cannot express (fact validation, basis). */
import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../load-from-files.js';
import { probationDue } from './members/probation-due.rule.js';
import { probationExtension } from './members/probation-extension.rule.js';
import { transferResponse } from './members/transfer-response.rule.js';

const tree = loadRegulations();

describe('members.probation_due', () => {
  it('cites 党章第七条 before the 细则 and 细则第三十二条 after it for an overdue discussion', () => {
    const at = (asOf: string) => probationDue.evaluate({ tree, asOf, facts: { probationStart: '2013-06-01', extensionMonths: 0 } });
    const cited = (asOf: string) => at(asOf).problems.map((p) => [p.basis.citation.source, p.basis.citation.article]);
    expect(cited('2014-06-09')).toEqual([['dangzhang-2012', '第七条']]);
    expect(cited('2014-06-10')).toEqual([['fazhan-2014', '第三十二条（另见党章第七条）']]);
  });

  it.each([
    ['a negative extension', { probationStart: '2025-01-01', extensionMonths: -1 }],
    ['a fractional extension', { probationStart: '2025-01-01', extensionMonths: 1.5 }],
    ['a malformed date', { probationStart: '2025/01/01', extensionMonths: 0 }],
    ['an unknown fact', { probationStart: '2025-01-01', extensionMonths: 0, approved: true }],
  ])('rejects %s', (_, facts) => {
    expect(() => probationDue.evaluate({ tree, asOf: '2026-11-23', facts: facts as never })).toThrow(TypeError);
  });

  it('rejects a date that does not exist', () => {
    expect(() => probationDue.evaluate({ tree, asOf: '2026-11-23', facts: { probationStart: '2023-02-29', extensionMonths: 0 } })).toThrow(RangeError);
  });
});

describe('members.probation_extension', () => {
  it.each([
    ['an extension of 0 months', { months: 0, previousExtensions: 0 }],
    ['a negative count of extensions', { months: 6, previousExtensions: -1 }],
  ])('rejects %s', (_, facts) => {
    expect(() => probationExtension.evaluate({ tree, asOf: '2026-11-23', facts })).toThrow(TypeError);
  });
});

describe('members.transfer_response', () => {
  it('reads its limit from 组通字〔2006〕45号 as a warning', () => {
    const evaluation = transferResponse.evaluate({ tree, asOf: '2026-11-23', facts: { startedOn: '2026-01-01' } });
    expect(evaluation.severity).toBe('warning');
    expect(evaluation.basis.map((b) => [b.id, b.citation.source, b.force])).toEqual([['members.transfer.response_limit_days', 'zutongzi-2006-45', 'generally']]);
  });
});

describe('members.transfer.letter_validity_days', () => {
  it('is a local-practice default of 90 days that produces no finding (may)', () => {
    const parameter = tree.parameters.get('members.transfer.letter_validity_days');
    expect(parameter?.values.map((v) => [v.value, v.force, tree.sources.get(v.source)?.kind])).toEqual([[90, 'may', 'local_practice']]);
  });
});
