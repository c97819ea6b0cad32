import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone } from './phone.js';

describe('parsePhone', () => {
  it.each([
    ['13800138000', '13800138000', 'mobile'],
    ['138 0013 8000', '13800138000', 'mobile'],
    ['138-0013-8000', '13800138000', 'mobile'],
    ['+86 138 0013 8000', '13800138000', 'mobile'],
    ['86-13800138000', '13800138000', 'mobile'],
    ['008613800138000', '13800138000', 'mobile'],
    ['１３８００１３８０００', '13800138000', 'mobile'],
    ['19912345678', '19912345678', 'mobile'],
    ['010-12345678', '010-12345678', 'landline'],
    ['010 12345678', '010-12345678', 'landline'],
    ['01012345678', '010-12345678', 'landline'],
    ['0755-1234567', '0755-1234567', 'landline'],
    ['075512345678', '0755-12345678', 'landline'],
    ['0２１－８７６５４３２１', '021-87654321', 'landline'],
  ])('%j → %s (%s)', (input, phone, kind) => {
    expect(parsePhone(input)).toEqual({ ok: true, phone, kind });
  });

  it.each(['', '   ', '12800138000', '1380013800', '138001380001', '+1 13800138000', '010-123456', '10-12345678', '0755-123456789', '电话', '13800138000转1'])(
    'rejects %j',
    (input) => {
      const parsed = parsePhone(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^联系电话/);
    },
  );
});

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+86 138 0013 1234', '138****1234'],
    ['010-12345678', '***-****5678'],
    ['12345', '*2345'],
    ['1234', '****'],
    ['', ''],
  ])('%j → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('never reveals more than 7 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('0', '1', '3', '8', '-', ' ', '+') })), (input) => {
        expect([...maskPhone(input)].filter((c) => c !== '*' && c !== '-').length).toBeLessThanOrEqual(7);
      }),
    );
  });
});
