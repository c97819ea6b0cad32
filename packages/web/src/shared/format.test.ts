import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ageOn, formatCount, formatDate, formatJson } from './format';

describe('format', () => {
  it('formats dates and tolerates nulls and garbage', () => {
    expect(formatDate('2021-07-01')).toBe('2021-07-01');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('computes full years of age', () => {
    const today = dayjs('2026-03-01');
    expect(ageOn('1990-03-01', today)).toBe(36);
    expect(ageOn('1990-03-02', today)).toBe(35);
    expect(ageOn(null, today)).toBeNull();
  });

  it('formats counts and JSON', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(undefined)).toBe('—');
    expect(formatJson(null)).toBe('—');
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
