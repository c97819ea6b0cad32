import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partyStanding } from './party-standing.js';

describe('partyStanding', () => {
  it.each([
    ['2020-05-10', '2026-11-23', 0, 6],
    ['2020-05-10', '2026-05-09', 0, 5],
    ['2020-05-10', '2026-05-10', 0, 6],
    ['2020-05-10', '2020-05-10', 0, 0],
    ['2024-02-29', '2025-02-28', 0, 1],
    ['2024-02-29', '2025-02-27', 0, 0],
    ['2020-05-10', '2026-11-23', 2, 8],
    ['2020-05-10', '2026-11-23', -2, 4],
    ['2020-05-10', '2026-11-23', -10, 0],
    ['2027-01-01', '2026-11-23', 0, 0],
  ] as const)('from %s to %s, adjusted by %i → %i', (fullMemberOn, asOf, adjustment, expected) => {
    expect(partyStanding(fullMemberOn, asOf, adjustment)).toBe(expected);
  });

  it('is null without a full-member date', () => {
    expect(partyStanding(null, '2026-11-23')).toBeNull();
    expect(partyStanding(null, '2026-11-23', 3)).toBeNull();
  });

  it('defaults the adjustment to 0', () => {
    expect(partyStanding('1990-07-01', '2026-11-23')).toBe(36);
  });

  it('rejects impossible dates and a fractional adjustment', () => {
    expect(() => partyStanding('2023-02-29', '2026-11-23')).toThrow(RangeError);
    expect(() => partyStanding('2020-01-01', '2026/11/23')).toThrow(RangeError);
    expect(() => partyStanding('2020-01-01', '2026-11-23', 0.5)).toThrow(RangeError);
  });

  it('never decreases as asOf moves forward', () => {
    const date = fc
      .integer({ min: Date.UTC(1921, 6, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
      .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.integer({ min: 0, max: 400 }), (from, asOf, later) => {
        const laterDate = new Date(Date.parse(`${asOf}T00:00:00Z`) + later * 86_400_000).toISOString().slice(0, 10);
        expect(partyStanding(from, laterDate) ?? 0).toBeGreaterThanOrEqual(partyStanding(from, asOf) ?? 0);
      }),
    );
  });
});
