import { passwordPolicy, resolveParameter, type ParameterTree } from '@dangjian/regulations';
import { shanghaiDate } from './clock.js';
import type { ErrorDetail } from './errors.js';

/** The security settings in force on a date, resolved from the cited parameters in packages/regulations. */
export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinCharacterClasses: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
}

export interface SettingView {
  id: string;
  label: string;
  value: number;
  unit: string;
  citation: { sourceTitle: string; article: string; quote: string | null };
}

export interface SecurityPolicy {
  at(when: Date): SecuritySettings;
  /** Problems with a new password, each naming the rule it breaks; empty when the password is acceptable. */
  checkPassword(password: string, username: string, when: Date): ErrorDetail[];
  describe(when: Date): SettingView[];
}

const SETTINGS: { key: keyof SecuritySettings; id: string; label: string; unit: string }[] = [
  { key: 'passwordMinLength', id: 'security.password.min_length', label: '密码最小长度', unit: '位' },
  { key: 'passwordMinCharacterClasses', id: 'security.password.min_character_classes', label: '密码至少包含的字符类别（大写/小写/数字/符号）', unit: '类' },
  { key: 'maxFailedAttempts', id: 'security.login.max_failed_attempts', label: '连续登录失败锁定次数', unit: '次' },
  { key: 'lockoutMinutes', id: 'security.login.lockout_minutes', label: '登录失败锁定时长', unit: '分钟' },
  { key: 'idleTimeoutMinutes', id: 'security.session.idle_timeout_minutes', label: '会话空闲超时', unit: '分钟' },
];

/**
 * Builds the policy from the parameter tree; `overrides` are deployment settings (e.g. SESSION_IDLE_MINUTES)
 * that replace a cited default and are shown as such.
 */
export function createSecurityPolicy(tree: ParameterTree, overrides: Partial<SecuritySettings> = {}): SecurityPolicy {
  const resolve = (id: string, when: Date) => {
    const resolved = resolveParameter<number>(tree, id, shanghaiDate(when));
    if (!resolved) throw new Error(`security parameter ${id} is not in force on ${shanghaiDate(when)}`);
    return resolved;
  };
  return {
    at(when) {
      const out = {} as SecuritySettings;
      for (const s of SETTINGS) out[s.key] = overrides[s.key] ?? resolve(s.id, when).value;
      return out;
    },
    checkPassword(password, username, when) {
      const outcome = passwordPolicy.evaluate({ tree, asOf: shanghaiDate(when), facts: { password, username } });
      // Each problem names the rule's basis, as every warning in the product does.
      return outcome.problems.map((p) => ({ field: 'newPassword', message: `${p.message}（依据：${p.basis.citation.sourceTitle} ${p.basis.citation.article}）` }));
    },
    describe(when) {
      return SETTINGS.map((s) => {
        const r = resolve(s.id, when);
        const override = overrides[s.key];
        return {
          id: s.id,
          label: s.label,
          value: override ?? r.value,
          unit: s.unit,
          citation:
            override === undefined
              ? { sourceTitle: r.citation.sourceTitle, article: r.citation.article, quote: r.citation.quote ?? null }
              : { sourceTitle: '本系统部署配置（环境变量）', article: '覆盖默认值', quote: `默认值 ${r.value}${s.unit}：${r.citation.sourceTitle} ${r.citation.article}` },
        };
      });
    },
  };
}
