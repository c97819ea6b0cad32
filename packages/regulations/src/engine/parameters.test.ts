import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildParameterTree, resolveParameter, type ParameterInput } from './parameters.js';
import { addDays } from './period.js';

const sources = {
  'test-rule': {
    title: '测试条例',
    issuer: '测试机关',
    kind: 'party_regulation',
    published_on: '1999-12-01',
    effective_on: '2000-01-01',
    repealed_on: null,
  },
  'old-rule': {
    title: '旧条例',
    issuer: '测试机关',
    kind: 'party_regulation',
    published_on: '2000-01-01',
    effective_on: '2000-01-01',
    repealed_on: '2018-01-01',
  },
};

const dated = (value: unknown, extra: Record<string, unknown> = {}) => ({ value, force: 'shall', source: 'test-rule', article: '第一条', ...extra });
const file = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  description: '测试参数',
  unit: 'times',
  verified_on: '2024-01-01',
  values,
  ...extra,
});

describe('buildParameterTree', () => {
  it('builds a tree with values in date order and sources by id', () => {
    const tree = buildParameterTree([{ id: 'meetings.min', content: file({ '2018-01-01': dated(1), '2020-01-01': dated(2) }) }], sources);
    expect(tree.parameters.get('meetings.min')?.values.map((v) => [v.effectiveFrom, v.value])).toEqual([
      ['2018-01-01', 1],
      ['2020-01-01', 2],
    ]);
    expect(tree.sources.get('old-rule')?.repealedOn).toBe('2018-01-01');
  });

  it.each<[string, ParameterInput[], unknown, string]>([
    ['an unknown top-level key', [{ id: 'a.b', content: file({ '2020-01-01': dated(1) }, { metadata: {} }) }], sources, 'parameters/a/b.yaml: / must not have additional properties：["metadata"]'],
    ['an unknown key in a dated value', [{ id: 'a.b', content: file({ '2020-01-01': dated(1, { reference: 'x' }) }) }], sources, '/values/2020-01-01 must not have additional properties：["reference"]'],
    ['a missing description', [{ id: 'a.b', content: { unit: 'x', verified_on: '2024-01-01', values: { '2020-01-01': dated(1) } } }], sources, 'parameters/a/b.yaml: / must have required properties description'],
    ['an invalid force', [{ id: 'a.b', content: file({ '2020-01-01': dated(1, { force: 'must' }) }) }], sources, '/values/2020-01-01/force must be equal to one of the allowed values：["shall","generally","may"]'],
    ['a missing article', [{ id: 'a.b', content: file({ '2020-01-01': { value: 1, force: 'shall', source: 'test-rule' } }) }], sources, '/values/2020-01-01 must have required properties article'],
    ['a source not in sources.yaml', [{ id: 'a.b', content: file({ '2020-01-01': dated(1, { source: 'nope' }) }) }], sources, '/values/2020-01-01/source 来源 "nope" 未在 sources.yaml 中登记'],
    ['a date before the source took effect', [{ id: 'a.b', content: file({ '1999-12-31': dated(1) }) }], sources, '早于来源 "test-rule" 的施行日期 2000-01-01'],
    ['dates out of order', [{ id: 'a.b', content: file({ '2020-01-01': dated(1), '2019-01-01': dated(2) }) }], sources, '/values/2019-01-01 生效日期必须唯一且升序'],
    ['an impossible date', [{ id: 'a.b', content: file({ '2023-02-29': dated(1) }) }], sources, '/values/2023-02-29 生效日期不是有效日期'],
    ['a date in another format', [{ id: 'a.b', content: file({ '2023/02/01': dated(1) }) }], sources, '/values/2023/02/01 生效日期不是有效日期'],
    ['a repeal as the first value', [{ id: 'a.b', content: file({ '2020-01-01': dated(null) }) }], sources, '第一个取值不能是 null'],
    ['no values at all', [{ id: 'a.b', content: file({}) }], sources, 'parameters/a/b.yaml: /values must not have fewer than 1 properties'],
    ['a value that is not a scalar', [{ id: 'a.b', content: file({ '2020-01-01': dated([1, 2]) }) }], sources, '/values/2020-01-01/value must match a schema in anyOf'],
    ['a source id that is not a slug', [], { 'GB T': sources['test-rule'] }, 'sources.yaml: /GB T 来源标识只能由小写字母'],
    ['a value outliving its repealed source', [{ id: 'a.b', content: file({ '2010-01-01': dated(1, { source: 'old-rule' }) }) }], sources, '来源 "old-rule" 于 2018-01-01 停止施行'],
    ['an id that is not a dotted path', [{ id: 'Meetings', content: file({ '2020-01-01': dated(1) }) }], sources, 'Meetings: 参数标识须为小写点分路径'],
    ['a duplicate id', [{ id: 'a.b', content: file({ '2020-01-01': dated(1) }) }, { id: 'a.b', content: file({ '2020-01-01': dated(1) }) }], sources, 'parameters/a/b.yaml: 参数标识重复'],
    ['sources that are not a map', [], [], 'sources.yaml: 顶层必须是以来源标识为键的映射'],
    ['a source with an unknown kind', [], { x: { ...sources['test-rule'], kind: 'rumour' } }, 'sources.yaml: /x/kind must be equal to one of the allowed values：["party_regulation"'],
    ['a source with an unknown key', [], { x: { ...sources['test-rule'], href: 'y' } }, 'sources.yaml: /x must not have additional properties：["href"]'],
    ['a source repealed before it took effect', [], { x: { ...sources['test-rule'], repealed_on: '1999-01-01' } }, 'sources.yaml: /x/repealed_on 停止施行日期必须晚于施行日期'],
  ])('rejects %s', (_, files, src, message) => {
    expect(() => buildParameterTree(files, src)).toThrow(message);
  });

  it('accepts a value from a repealed source when a newer value follows by the repeal date', () => {
    const content = file({ '2010-01-01': dated(1, { source: 'old-rule' }), '2018-01-01': dated(2) });
    expect(() => buildParameterTree([{ id: 'a.b', content }], sources)).not.toThrow();
  });

  it('lists every problem of every file in one error', () => {
    const files = [
      { id: 'a.first', content: file({ '2020-01-01': dated(1, { source: 'nope' }) }) },
      { id: 'a.second', content: file({ '2020-01-01': dated(1, { force: 'must' }) }) },
    ];
    expect(() => buildParameterTree(files, sources)).toThrow(/（2 处）[\s\S]*a\/first\.yaml[\s\S]*a\/second\.yaml/);
  });
});

describe('resolveParameter', () => {
  const tree = buildParameterTree(
    [
      {
        id: 'meetings.min',
        content: file({
          '2018-01-01': dated(1, { quote: '一般每季度召开1次' }),
          '2020-07-01': dated(2, { force: 'generally' }),
          '2022-01-01': dated(null),
        }),
      },
    ],
    sources,
  );

  it.each([
    ['2017-12-31', undefined],
    ['2018-01-01', 1],
    ['2020-06-30', 1],
    ['2020-07-01', 2],
    ['2021-12-31', 2],
    ['2022-01-01', undefined],
    ['2030-01-01', undefined],
  ])('on %s → %s', (asOf, expected) => {
    expect(resolveParameter<number>(tree, 'meetings.min', asOf)?.value).toBe(expected);
  });

  it('returns the citation of the dated value used', () => {
    expect(resolveParameter(tree, 'meetings.min', '2019-05-01')).toEqual({
      id: 'meetings.min',
      value: 1,
      effectiveFrom: '2018-01-01',
      force: 'shall',
      citation: { source: 'test-rule', sourceTitle: '测试条例', article: '第一条', quote: '一般每季度召开1次' },
    });
    expect(resolveParameter(tree, 'meetings.min', '2021-01-01')).toMatchObject({ force: 'generally', citation: { article: '第一条' } });
    expect(resolveParameter(tree, 'meetings.min', '2021-01-01')?.citation).not.toHaveProperty('quote');
  });

  it('throws for an unknown id or a malformed date, rather than answering "not in force"', () => {
    expect(() => resolveParameter(tree, 'meetings.max', '2020-01-01')).toThrow('未知的法规参数：meetings.max');
    expect(() => resolveParameter(tree, 'meetings.min', '2020-1-1')).toThrow(RangeError);
  });

  // Effective dates as day offsets after the source's effective date, with a distinct value at each.
  const history = fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 8 }).map((offsets) => {
    const dates = [...offsets].sort((a, b) => a - b).map((o) => addDays('2000-01-01', o));
    return buildParameterTree([{ id: 'p.q', content: file(Object.fromEntries(dates.map((d, i) => [d, dated(i)]))) }], sources);
  });

  it('property: any date between two effective dates resolves to the earlier value', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.nat(), (t, pick, offset) => {
        const values = t.parameters.get('p.q')?.values ?? [];
        const i = pick % values.length;
        const from = values[i]!.effectiveFrom;
        const next = values[i + 1]?.effectiveFrom;
        const span = next === undefined ? 1000 : Math.round((Date.parse(next) - Date.parse(from)) / 86_400_000);
        const asOf = addDays(from, offset % span);
        const resolved = resolveParameter<number>(t, 'p.q', asOf);
        return resolved?.value === i && resolved.effectiveFrom === from;
      }),
    );
  });

  it('property: before the first effective date there is no value', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 50_000 }), (t, daysBefore) => {
        const first = t.parameters.get('p.q')!.values[0]!.effectiveFrom;
        return resolveParameter(t, 'p.q', addDays(first, -daysBefore)) === undefined;
      }),
    );
  });
});
