import { ApiError } from '../api/client';

/** The Chinese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `出错了：${error.message}`;
  return '出错了，请稍后重试';
}

export function errorDetails(error: unknown): { field: string; message: string }[] {
  return error instanceof ApiError ? error.details : [];
}

/**
 * Field errors for an antd Form (`form.setFields`), from the server's `details`.
 * A detail on part of a field (`unitIds.0`, from schema validation) shows on the field itself.
 */
export function formFieldErrors<K extends string>(error: unknown, knownFields: readonly K[]): { name: K; errors: string[] }[] {
  const byField = new Map<K, string[]>();
  for (const d of errorDetails(error)) {
    const field = knownFields.find((f) => f === d.field || d.field.startsWith(`${f}.`));
    if (field === undefined) continue;
    byField.set(field, [...(byField.get(field) ?? []), d.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
