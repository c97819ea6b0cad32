import Type from 'typebox';
import { defineRule, met, notApplicable, param, unmet, type ProblemInput } from '../../engine/rule.js';

const CLASSES = [
  { name: '大写字母', test: (c: string) => c >= 'A' && c <= 'Z' },
  { name: '小写字母', test: (c: string) => c >= 'a' && c <= 'z' },
  { name: '数字', test: (c: string) => c >= '0' && c <= '9' },
  // ASCII punctuation: !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~
  { name: '特殊符号', test: (c: string) => /^[!-/:-@[-`{-~]$/.test(c) },
] as const;

/** How many of the four classes (upper, lower, digit, ASCII symbol) occur; other characters count toward length only. */
export function characterClassCount(password: string): number {
  const chars = [...password];
  return CLASSES.filter((k) => chars.some(k.test)).length;
}

export type PasswordPolicyDetail = { length: number; classes: number };

export const passwordPolicy = defineRule({
  id: 'security.password_policy',
  title: '新设口令须符合口令复杂度要求',
  description:
    '等保第三级要求身份鉴别信息具有复杂度要求（GB/T 22239-2019 8.1.4.1 a)）。设置或修改口令时检查：长度（按字符计，汉字算一位）不少于最小长度；' +
    '大写字母、小写字母、数字、特殊符号四类中至少包含规定的类数；不得与用户名相同或包含用户名（不区分大小写）。',
  period: 'event',
  resolveAt: 'event_date',
  params: {
    minLength: param('security.password.min_length', Type.Integer({ minimum: 1 })),
    minClasses: param('security.password.min_character_classes', Type.Integer({ minimum: 1, maximum: CLASSES.length })),
    forbidUsername: param('security.password.forbid_username', Type.Boolean()),
  },
  facts: Type.Object({ password: Type.String(), username: Type.Optional(Type.String()) }, { additionalProperties: false }),

  assess({ params: { minLength, minClasses, forbidUsername }, facts: { password, username } }) {
    if (!minLength && !minClasses && !forbidUsername) return notApplicable('评价日尚无口令策略参数生效');

    const detail: PasswordPolicyDetail = { length: [...password].length, classes: characterClassCount(password) };
    const problems: ProblemInput[] = [];
    if (minLength && detail.length < minLength.value) {
      problems.push({ code: 'password_too_short', message: `密码长度不能少于 ${minLength.value} 位`, basis: minLength });
    }
    if (minClasses && detail.classes < minClasses.value) {
      problems.push({
        code: 'password_too_few_character_classes',
        message: `密码须至少包含大写字母、小写字母、数字、特殊符号中的 ${minClasses.value} 类`,
        basis: minClasses,
      });
    }
    const name = username?.trim().toLowerCase() ?? '';
    if (forbidUsername?.value && name !== '' && password.toLowerCase().includes(name)) {
      problems.push({ code: 'password_contains_username', message: '密码不能与用户名相同，也不能包含用户名', basis: forbidUsername });
    }
    const [first, ...rest] = problems;
    return first ? unmet(detail, [first, ...rest]) : met(detail);
  },
});
