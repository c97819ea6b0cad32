// Client-side mirror of the password policy, only to guide the user while typing;
// the server decides and its `details` are shown as they come.

export const MIN_PASSWORD_LENGTH = 8;
export const MIN_CHARACTER_CLASSES = 3;

export interface PolicyCheck {
  key: 'length' | 'classes';
  label: string;
  ok: boolean;
}

export function characterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];
  return classes.filter((re) => re.test(password)).length;
}

export function checkPassword(password: string): PolicyCheck[] {
  return [
    { key: 'length', label: `长度不少于 ${MIN_PASSWORD_LENGTH} 位`, ok: password.length >= MIN_PASSWORD_LENGTH },
    {
      key: 'classes',
      label: `大写字母、小写字母、数字、符号中至少包含 ${MIN_CHARACTER_CLASSES} 类`,
      ok: characterClasses(password) >= MIN_CHARACTER_CLASSES,
    },
  ];
}
