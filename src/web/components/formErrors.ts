import type { FormInstance } from 'antd';
import { ProblemError } from '../api/client';

/**
 * Puts a problem's field errors on the form fields they name (`items.0.note` → ['items', 0, 'note']);
 * anything else is shown as a message. Answers whether the error was shown on fields.
 */
export function showProblem(
  err: unknown,
  form: FormInstance | null,
  message: { error: (text: string) => unknown },
): boolean {
  if (!(err instanceof ProblemError)) {
    message.error(String(err));
    return false;
  }
  const entries = Object.entries(err.fieldErrors());
  if (form && entries.length) {
    const names = new Set(Object.keys(form.getFieldsValue(true) ?? {}).map((k) => k));
    const onFields = entries.filter(([path]) => names.has(path.split('.')[0]!));
    if (onFields.length) {
      form.setFields(
        onFields.map(([path, msg]) => ({
          name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          errors: [msg],
        })),
      );
      if (onFields.length < entries.length) message.error(err.problem.detail);
      return true;
    }
  }
  const first = entries[0];
  message.error(first ? `${err.problem.detail} ${first[1]}` : err.problem.detail);
  return false;
}
